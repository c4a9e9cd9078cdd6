"""One student in a real browser: JupyterLab in headless Chromium, through the classroom hub.

benchmarks/classroom.py runs it beside the protocol students, to show what a browser adds to a click.
"""
from __future__ import annotations

import json
import os

# Recorded in the page: when a finding's box is clicked, and when a kernel message reporting the filter's
# value arrives on any websocket (JupyterLab's kernel connection, text or binary frames).
_RECORDER = """
window.__redspots = {clicks: [], reports: []};
document.addEventListener('click', (event) => {
    if (event.target.matches && event.target.matches('.redspots-symptom-filter input[type=checkbox]'))
        window.__redspots.clicks.push(performance.now());
}, true);
const NativeWebSocket = window.WebSocket;
window.WebSocket = function (...args) {
    const socket = new NativeWebSocket(...args);
    socket.addEventListener('message', (event) => {
        const text = typeof event.data === 'string' ? event.data : new TextDecoder().decode(event.data);
        if (text.includes('"stream"') && text.includes('value=')) window.__redspots.reports.push(performance.now());
    });
    return socket;
};
window.WebSocket.prototype = NativeWebSocket.prototype;
Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
"""
_WATCH = ('symptom_filter.observe(lambda change: print("value=" + ",".join(change["new"]), flush=True), "value")')
BROWSER_SERVER_ARGS = ["--LabApp.news_url=None"] + (["--ServerApp.allow_root=True"] if os.getuid() == 0 else [])


def browser_student(hub, name: str, ticks: int) -> list[float]:
    """One student in JupyterLab in headless Chromium: log in with the form, Run All on the filter
    notebook, add a cell that reports the value, then click findings; seconds from each click to the
    kernel's report reaching the page."""
    from playwright.sync_api import expect

    from browser import _PROMPTS, chromium, screenshot
    from redspots import load

    settings = hub.state / "students" / name / ".jupyter" / "lab" / "user-settings" / "@jupyterlab"
    for plugin, values in {"notebook-extension/tracker": {"windowingMode": "none"},
                           "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False}}.items():
        (settings / f"{plugin}.jupyterlab-settings").parent.mkdir(parents=True, exist_ok=True)
        (settings / f"{plugin}.jupyterlab-settings").write_text(json.dumps(values))
    labels = load().findings["label"]
    with chromium() as browser:
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        page.set_default_timeout(300_000)
        page.add_init_script(_RECORDER)
        page.goto(f"{hub.url}/hub/login")
        page.fill("#username_input", name)
        page.fill("#password_input", "any")
        page.click("#login_submit")
        page.wait_for_url(f"**/user/{name}/lab**", timeout=300_000)
        page.goto(f"{hub.url}/user/{name}/lab/tree/02_filter_by_symptom.ipynb")
        page.wait_for_selector(".jp-Notebook .jp-Cell")
        # on a loaded machine the kernel list can come after the notebook: JupyterLab then asks which
        # kernel, offering the notebook's own (python3) first
        page.wait_for_function("""() => document.querySelector('.jp-Dialog')
            || /Idle/.test(document.body.innerText.match(/Python 3 \\(ipykernel\\) \\| \\w+/)?.[0] || '')""")
        if page.locator(".jp-Dialog").count():
            page.locator(".jp-Dialog").get_by_role("button", name="Select", exact=True).click()
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.locator("li[data-command='runmenu:run-all']").click()
        page.wait_for_function(f"() => {{ const p = {_PROMPTS}; return p.length > 0 && p.every(t => /\\[\\d+\\]/.test(t)); }}")
        view = page.locator(".redspots-symptom-filter")
        expect(view).to_be_visible()
        # a cell at the end that reports every change of the value, as the protocol students have
        page.locator(".jp-Notebook .jp-Cell").last.locator(".jp-InputArea-prompt").click()
        page.keyboard.press("b")
        page.keyboard.press("Enter")
        page.keyboard.insert_text(_WATCH)
        page.keyboard.press("Shift+Enter")
        page.wait_for_function(f"() => {{ const p = {_PROMPTS}; return p.length > 0 && p.every(t => /\\[\\d+\\]/.test(t)); }}")
        view.scroll_into_view_if_needed()
        boxes = [view.get_by_role("checkbox", name=labels[f], exact=True) for f in ("non_blanching", "fever", "rough_texture")]
        latencies = []
        for k in range(ticks):
            before = page.evaluate("window.__redspots.reports.length")
            boxes[k % len(boxes)].click()
            page.wait_for_function("(n) => window.__redspots.reports.length > n", arg=before)
            latencies.append(page.evaluate("(window.__redspots.reports.at(-1) - window.__redspots.clicks.at(-1)) / 1000"))
        screenshot(page, "classroom-browser-student")
        return latencies
