"""JupyterHub for a class: every student logs in, gets their own JupyterLab with a copy of the lessons.

Run it from the repository, with the project's environment (``make setup`` installs JupyterHub and
the proxy):

    .venv/bin/jupyterhub -f classroom/jupyterhub_config.py

then give the students http://THIS-MACHINE:8000/ (see "Teaching a class" in README.md). As it stands
it is a recipe for one machine and a trusted room:

- Log-in: ``DummyAuthenticator`` lets anyone in with any name; ``REDSPOTS_CLASS_PASSWORD`` makes
  everyone type one shared class password, and a hub open to a room (``REDSPOTS_HUB_IP``) refuses to
  start without it, or as root. Students get no terminal, and nobody is admin. For a real class swap in a real authenticator, e.g.
  ``c.JupyterHub.authenticator_class = "oauthenticator.GitHubOAuthenticator"`` (pip install
  oauthenticator) or ``"pam"`` (the machine's own accounts), and list ``allowed_users``.
- Servers: ``SimpleLocalProcessSpawner`` runs each student's server as the user running the hub, in a
  folder of their own under the state folder. Students can read each other's files that way; for
  isolation use ``"localprocess"`` (one system account per student, hub run as root) or DockerSpawner.
- Size: about 130 MiB of memory per student's kernel plus the server; see the sizing table in the README
  (measured with ``make bench-classroom``).

The hub listens on 127.0.0.1 unless ``REDSPOTS_HUB_IP`` says otherwise (``0.0.0.0`` for a room; put
TLS in front of it, or set ``c.JupyterHub.ssl_key``/``ssl_cert``). Its database and cookie secret go in
``REDSPOTS_HUB_STATE`` (default ``classroom/state``, which git ignores).
"""
import os
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821  (JupyterHub provides it)

REPO = Path(__file__).resolve().parent.parent
LESSONS = REPO / "notebooks"
STATE = Path(os.environ.get("REDSPOTS_HUB_STATE", REPO / "classroom" / "state")).resolve()
STATE.mkdir(parents=True, exist_ok=True)

# where the hub listens, and what it keeps
c.JupyterHub.ip = os.environ.get("REDSPOTS_HUB_IP", "127.0.0.1")
LOOPBACK = c.JupyterHub.ip in ("127.0.0.1", "localhost", "::1")
# Open to a room, the recipe insists on a class password, and refuses to run as root: with the simple
# spawner every student's server runs as the hub's user, so as root every student would be root.
if not LOOPBACK and not os.environ.get("REDSPOTS_CLASS_PASSWORD"):
    sys.exit(f"classroom: the hub would listen on {c.JupyterHub.ip} with no password; "
             "set REDSPOTS_CLASS_PASSWORD (or swap in a real authenticator)")
if not LOOPBACK and os.getuid() == 0:
    sys.exit("classroom: do not open this hub to a room as root (every student's server would run as root); "
             "run it as an ordinary user, or use a spawner with one account per student")
c.JupyterHub.port = int(os.environ.get("REDSPOTS_HUB_PORT", 8000))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
# the proxy is the pure-Python port of configurable-http-proxy (pip), found on PATH beside jupyterhub
c.ConfigurableHTTPProxy.command = [str(Path(sys.executable).parent / "configurable-http-proxy")]

# who may log in: swap this for a real authenticator (see above)
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True        # no admin: with a shared password, anyone could claim the name
if os.environ.get("REDSPOTS_CLASS_PASSWORD"):
    c.DummyAuthenticator.password = os.environ["REDSPOTS_CLASS_PASSWORD"]

# each student's server: JupyterLab from this environment, in a folder of their own
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "students" / "{username}")
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
c.Spawner.default_url = "/lab/tree/index.ipynb"
# no terminals: a terminal would be a shell as the hub's user on the teacher's machine
c.Spawner.args = ["--LabApp.news_url=None", "--ServerApp.terminals_enabled=False"] + (
    ["--ServerApp.allow_root=True"] if os.getuid() == 0 else [])   # root only on loopback (refused above)
# a room starting at once loads the machine: be patient with slow starts
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
# servers left idle are not stopped here; `jupyterhub-idle-culler` (pip) does that for a long session
c.JupyterHub.cleanup_servers = True


def copy_the_lessons(spawner):
    """Give a student their own copy of the lessons the first time they log in (never overwrite their work)."""
    home = Path(spawner.home_dir)
    home.mkdir(parents=True, exist_ok=True)
    for notebook in LESSONS.glob("*.ipynb"):
        if not (home / notebook.name).exists():
            shutil.copy(notebook, home / notebook.name)


c.Spawner.pre_spawn_hook = copy_the_lessons
