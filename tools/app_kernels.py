"""The app's kernel manager: jupyter_server's, with a count of open pages per kernel that never drops
below zero.

A page that closes while its websocket is still being opened is counted as gone without having been
counted as come (jupyter_server 2 decrements on close, increments only once the socket is open). The
count then reads -1, the culler takes that for a connected page, and the visitor's kernel is never shut
down. tools/voila/voila.py makes Voilà use this class.
"""
from __future__ import annotations

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager


class AppKernelManager(AsyncMappingKernelManager):
    def notify_disconnect(self, kernel_id):
        """A page went away: one fewer connection, but never fewer than none."""
        if self._kernel_connections.get(kernel_id, 0) > 0:
            super().notify_disconnect(kernel_id)
