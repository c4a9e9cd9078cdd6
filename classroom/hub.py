"""A real JupyterHub from classroom/jupyterhub_config.py on loopback, and students who use it.

tests/test_classroom.py (two students) and benchmarks/classroom.py (a room of them) use these. A
:class:`Student` does over HTTP and the kernel websocket, through the hub's proxy, what a student's
browser does: log in with the form, start their server, open the filter notebook in a kernel, run its
code cells, then tick findings by sending the widget update a browser's symptom filter sends (a
``comm_msg`` with ``{"method": "update", "state": {"value": [...]}}``).
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import nbformat
import requests
import websocket

from classroom.processes import processes_under, stop_all_under

ROOT = Path(__file__).resolve().parent.parent
CONFIG = Path(__file__).resolve().parent / "jupyterhub_config.py"
FILTER_NOTEBOOK = "02_filter_by_symptom.ipynb"
# run in a student's kernel after the notebook: report every change of the filter's value, so the
# moment the kernel holds a tick can be seen from outside (the report's parent is the tick's message)
REPORT_TICKS = """\
def _report_tick(change):
    print("value=" + ",".join(change["new"]), flush=True)
symptom_filter.observe(_report_tick, "value")
"""
PATIENCE = 300          # seconds: a loaded 2-core machine starting a room of servers is slow, never stuck


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Hub:
    url: str
    state: Path
    process: subprocess.Popen


@contextmanager
def running_hub(state: Path, spawner_args: list[str] | None = None):
    """The recipe's hub on free loopback ports, its database and secrets in ``state``; stopped with
    every server and kernel it started, even when the caller fails. ``spawner_args`` replace the
    recipe's arguments for the students' servers."""
    state.mkdir(parents=True, exist_ok=True)
    port, hub_port, api_port = free_port(), free_port(), free_port()
    env = dict(os.environ, REDSPOTS_HUB_STATE=str(state), REDSPOTS_HUB_PORT=str(port), REDSPOTS_HUB_IP="127.0.0.1",
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("REDSPOTS_CLASS_PASSWORD", None)
    log = open(state / "jupyterhub.log", "w")
    command = [sys.executable, "-m", "jupyterhub", "-f", str(CONFIG), f"--JupyterHub.hub_port={hub_port}",
               f"--ConfigurableHTTPProxy.api_url=http://127.0.0.1:{api_port}"]
    command += [f"--Spawner.args={arg}" for arg in spawner_args or []]
    process = subprocess.Popen(command, cwd=state, env=env, stdout=log, stderr=subprocess.STDOUT)
    hub = Hub(f"http://127.0.0.1:{port}", state, process)
    try:
        deadline = time.monotonic() + PATIENCE
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"JupyterHub exited:\n{(state / 'jupyterhub.log').read_text()[-3000:]}")
            try:
                if requests.get(f"{hub.url}/hub/api/", timeout=5).ok:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"JupyterHub did not answer within {PATIENCE} s")
            time.sleep(0.5)
        yield hub
    finally:
        process.send_signal(signal.SIGINT)       # the hub stops the servers and the proxy it started
        try:
            process.wait(timeout=90)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        stop_all_under(state)                    # anything left behind: kernels, servers, the proxy
        log.close()


class Student:
    """One student, driving the hub as a browser would, through the proxy."""

    def __init__(self, hub: Hub, name: str):
        self.hub, self.name = hub, name
        self.http = requests.Session()
        self.headers: dict[str, str] = {}
        self.kernel: Kernel | None = None
        self.kernel_id = ""

    def log_in(self, password: str = "any") -> None:
        """The log-in form, then an API token (as JupyterLab gets one through the hub)."""
        self.http.get(f"{self.hub.url}/hub/login", timeout=60).raise_for_status()
        xsrf = self.http.cookies.get("_xsrf")
        answer = self.http.post(f"{self.hub.url}/hub/login", allow_redirects=False, timeout=60,
                                data={"username": self.name, "password": password, "_xsrf": xsrf})
        if answer.status_code != 302:
            raise RuntimeError(f"{self.name} could not log in: HTTP {answer.status_code}")
        xsrf = self.http.cookies.get("_xsrf", path="/hub/") or self.http.cookies.get("_xsrf")  # renewed at log-in
        token = self.http.post(f"{self.hub.url}/hub/api/users/{self.name}/tokens", timeout=60,
                               headers={"X-XSRFToken": xsrf}, json={"note": "student", "expires_in": 7200})
        token.raise_for_status()
        self.headers = {"Authorization": f"token {token.json()['token']}"}

    def start_server(self) -> None:
        answer = self._hub_api("post", "server")
        if answer.status_code not in (201, 202, 400):     # 400: already running
            answer.raise_for_status()
        deadline = time.monotonic() + PATIENCE
        while not (self._hub_api("get", "").json().get("servers", {}).get("", {}).get("ready")):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.name}'s server did not start within {PATIENCE} s")
            time.sleep(0.5)

    def open_notebook(self, notebook: str = FILTER_NOTEBOOK) -> None:
        """Open the notebook's kernel session, as JupyterLab does when the notebook is opened."""
        answer = self.http.post(f"{self.server_url}/api/sessions", headers=self.headers, timeout=PATIENCE,
                                json={"path": notebook, "name": notebook, "type": "notebook",
                                      "kernel": {"name": "python3"}})
        answer.raise_for_status()
        self.kernel_id = answer.json()["kernel"]["id"]
        ws_url = self.server_url.replace("http://", "ws://") + f"/api/kernels/{self.kernel_id}/channels"
        self.kernel = Kernel(ws_url, self.headers)
        self.kernel.wait_ready()

    def run_notebook(self, notebook: str = FILTER_NOTEBOOK) -> None:
        """Run every code cell of the notebook in order (Run All), then watch the filter's value."""
        cells = nbformat.read(ROOT / "notebooks" / notebook, as_version=4).cells
        for cell in cells:
            if cell.cell_type == "code" and cell.source.strip():
                self.kernel.execute(cell.source)
        self.kernel.execute(REPORT_TICKS)
        self.filter_comm = self.kernel.widget("filter")

    def tick(self, findings: list[str]) -> float:
        """Send the update a click in the filter sends; wait until the kernel reports the new value.
        Returns the seconds from sending to the report arriving."""
        return self.kernel.update_widget(self.filter_comm, {"value": list(findings)},
                                         expect="value=" + ",".join(findings))

    def ask(self, code: str) -> str:
        """Run code in the student's kernel; what it printed."""
        return self.kernel.execute(code)

    @property
    def server_url(self) -> str:
        return f"{self.hub.url}/user/{self.name}"

    def _hub_api(self, method: str, path: str):
        url = f"{self.hub.url}/hub/api/users/{self.name}" + (f"/{path}" if path else "")
        return self.http.request(method, url, headers=self.headers, timeout=PATIENCE)

    def close(self) -> None:
        if self.kernel:
            self.kernel.close()


class Kernel:
    """A kernel's websocket (the Jupyter protocol as JSON text frames), through the hub's proxy."""

    def __init__(self, url: str, headers: dict[str, str]):
        self.session = uuid.uuid4().hex
        self.ws = websocket.create_connection(f"{url}?session_id={self.session}", timeout=PATIENCE,
                                              header=[f"{k}: {v}" for k, v in headers.items()])
        self.widgets: dict[str, dict] = {}        # comm id -> the state it opened with

    def send(self, msg_type: str, content: dict, channel: str = "shell") -> str:
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": msg_type, "session": self.session, "username": "student",
                       "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "version": "5.3"},
            "parent_header": {}, "metadata": {}, "content": content, "channel": channel, "buffers": []}))
        return msg_id

    def receive(self, deadline: float) -> dict | None:
        self.ws.settimeout(max(0.1, deadline - time.monotonic()))
        frame = self.ws.recv()
        if isinstance(frame, bytes):        # a message with binary buffers: none of ours carry any
            return None
        msg = json.loads(frame)
        if msg.get("msg_type") == "comm_open" and msg["content"].get("target_name") == "jupyter.widget":
            self.widgets[msg["content"]["comm_id"]] = msg["content"]["data"].get("state", {})
        return msg

    def wait_ready(self) -> None:
        deadline = time.monotonic() + PATIENCE
        while True:
            msg_id = self.send("kernel_info_request", {})
            try:
                while time.monotonic() < deadline:
                    msg = self.receive(min(deadline, time.monotonic() + 5))
                    if msg and msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "kernel_info_reply":
                        return
            except websocket.WebSocketTimeoutException:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the kernel did not answer within {PATIENCE} s") from None

    def execute(self, code: str) -> str:
        """Run code; what it printed. An error in the kernel raises, with its traceback."""
        msg_id = self.send("execute_request", {"code": code, "silent": False, "store_history": True,
                                               "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        printed, replied, idle = [], None, False
        deadline = time.monotonic() + PATIENCE
        while not (replied and idle):
            msg = self.receive(deadline)
            if not msg or msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind = msg["msg_type"]
            if kind == "stream":
                printed.append(msg["content"]["text"])
            elif kind == "error":
                raise RuntimeError(f"the kernel failed running {code[:80]!r}:\n" + "\n".join(msg["content"]["traceback"]))
            elif kind == "execute_reply":
                replied = msg
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
        if replied["content"]["status"] != "ok":
            raise RuntimeError(f"the kernel failed running {code[:80]!r}: {replied['content']}")
        return "".join(printed)

    def widget(self, view: str) -> str:
        """The comm id of the (last) widget the kernel opened that draws ``view``."""
        found = [comm for comm, state in self.widgets.items() if state.get("_view") == view]
        if not found:
            raise RuntimeError(f"no {view!r} widget was opened; opened: {[s.get('_view') for s in self.widgets.values()]}")
        return found[-1]

    def update_widget(self, comm_id: str, state: dict, expect: str) -> float:
        """Send a browser's widget update; seconds until a report containing ``expect`` comes back."""
        start = time.perf_counter()
        msg_id = self.send("comm_msg", {"comm_id": comm_id, "data": {"method": "update", "state": state,
                                                                     "buffer_paths": []}})
        deadline = time.monotonic() + PATIENCE
        while True:
            try:
                msg = self.receive(deadline)
            except websocket.WebSocketTimeoutException:
                raise RuntimeError(f"the kernel did not report {expect!r} within {PATIENCE} s") from None
            if msg and msg["msg_type"] == "stream" and msg["parent_header"].get("msg_id") == msg_id:
                reports = [line for line in msg["content"]["text"].splitlines() if line.startswith("value=")]
                if expect in reports:
                    return time.perf_counter() - start
                if reports:
                    raise RuntimeError(f"after the tick the kernel holds {reports[-1]!r}, not {expect!r}")

    def close(self) -> None:
        self.ws.close()
