"""Running a notebook before it is exported: with its widget state stored, on a kernel that listens on
no network port."""
from __future__ import annotations

import tempfile
from contextlib import contextmanager
from pathlib import Path

from nbconvert.preprocessors import ExecutePreprocessor


@contextmanager
def local_kernel(name: str):
    """A kernel manager that talks to its kernel over local sockets (IPC) in a private folder, not
    over TCP: nothing listens on the network, and the kernel does not warn about unencrypted TCP."""
    from jupyter_client.manager import KernelManager
    with tempfile.TemporaryDirectory(prefix="redspots-kernel-") as folder:
        km = KernelManager(kernel_name=name, transport="ipc", ip=str(Path(folder) / "kernel"))
        try:
            yield km
        finally:
            if km.has_kernel:                    # a kernel manager passed in is left running by nbclient
                km.shutdown_kernel(now=True)


def run(nb, resources: dict | None = None, kernel_name: str = ""):
    """Execute a notebook with its widget state stored; returns (notebook, resources)."""
    resources = resources or {}
    path = resources.get("metadata", {}).get("path") or "."
    name = kernel_name or nb.metadata.get("kernelspec", {}).get("name") or "python3"
    runner = ExecutePreprocessor(timeout=300, store_widget_state=True, kernel_name=name)
    with local_kernel(name) as km:
        try:
            return runner.preprocess(nb, {**resources, "metadata": {**resources.get("metadata", {}), "path": path}},
                                     km=km)
        finally:
            # given a kernel manager, nbclient leaves its kernel client connected (it stops the client only
            # for a manager it made itself): garbage-collected with its channels open, the client could not
            # close its zmq context and said "Could not destroy zmq context". Stop the channels here, before
            # the kernel is shut down.
            if runner.kc is not None:
                runner.kc.stop_channels()
                runner.kc = None
