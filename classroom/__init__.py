"""The JupyterHub recipe (jupyterhub_config.py) and the students that try it (hub.py)."""
