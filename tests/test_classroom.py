"""A room of students: the JupyterHub recipe (classroom/jupyterhub_config.py), for real, with two students.

A real hub on loopback (the recipe's DummyAuthenticator and SimpleLocalProcessSpawner, the pure-Python
configurable-http-proxy) in a temporary folder. Two students log in with the form, each gets a
server and a copy of the lessons, runs the filter notebook's code and ticks findings as the filter in
a browser would; each tick reaches that student's kernel, and each kernel holds only its own ticks.
Slow on a loaded machine: every wait is on state, with generous deadlines.
"""
from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT))
from classroom.hub import Student, processes_under, running_hub  # noqa: E402

pytestmark = pytest.mark.browser     # a real hub and servers, like the browser tests: not in make test-fast


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    state = tmp_path_factory.mktemp("hub")
    with running_hub(state) as hub:
        yield hub
    assert processes_under(state) == [], "the hub left servers or kernels running"


@pytest.fixture(scope="module")
def students(hub):
    room = [Student(hub, name) for name in ("ada", "ben")]
    try:
        for student in room:
            student.log_in()
            student.start_server()
        for student in room:
            student.open_notebook()
            student.run_notebook()
        yield room
    finally:
        for student in room:
            student.close()


def test_each_student_gets_their_own_copy_of_the_lessons(hub, students):
    for student in students:
        home = hub.state / "students" / student.name
        assert (home / "02_filter_by_symptom.ipynb").is_file()
        assert (home / "index.ipynb").is_file()


def test_a_tick_reaches_the_students_own_kernel_and_no_one_else(students):
    ada, ben = students
    ada.tick(["non_blanching", "fever"])
    ben.tick(["rough_texture"])
    ada_sees = ada.ask("print(symptom_filter.value, str(symptom_filter.flags.urgency.iloc[0]))")
    ben_sees = ben.ask("print(symptom_filter.value, len(symptom_filter.flags))")
    assert ada_sees.strip() == "('non_blanching', 'fever') emergency"
    assert ben_sees.strip() == "('rough_texture',) 0"
    # a later tick by one student leaves the other's selection alone
    ben.tick(["rough_texture", "upper_arms_thighs"])
    assert ada.ask("print(symptom_filter.value)").strip() == "('non_blanching', 'fever')"
    assert ben.ask("print(symptom_filter.value)").strip() == "('rough_texture', 'upper_arms_thighs')"


def test_a_student_cannot_reach_another_students_server(hub, students):
    ada, ben = students
    answer = ada.http.get(f"{hub.url}/user/{ben.name}/api/sessions", headers=ada.headers, timeout=60,
                          allow_redirects=False)
    assert answer.status_code in (302, 403, 404), answer.status_code
    assert ben.kernel_id not in answer.text
