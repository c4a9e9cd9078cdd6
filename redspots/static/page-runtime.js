// Draws the explorers of an exported page with no kernel and no network.
//
// nbconvert writes each widget view as a <script type="application/vnd.jupyter.widget-view+json"> in
// its output and every model's saved state in one <script type="application/vnd.jupyter.widget-state+json">.
// For an anywidget model this imports the model's own ES module (`_esm`, from a blob: URL, as anywidget
// does in JupyterLab), adds its styles once, and calls its render({model, el}) with a model that keeps
// its state in the page: get, set, on, off and save_changes behave as in JupyterLab, minus the kernel.
(function () {
  "use strict";
  var VIEW = "application/vnd.jupyter.widget-view+json";
  var STATE = "application/vnd.jupyter.widget-state+json";

  function Model(state) {
    this.state = Object.assign({}, state);
    this.listeners = {};
  }
  Model.prototype.get = function (key) { return this.state[key]; };
  Model.prototype.set = function (key, value) {
    if (this.state[key] === value) return;
    this.state[key] = value;
    (this.listeners["change:" + key] || []).slice().forEach(function (fn) { fn(); });
    (this.listeners.change || []).slice().forEach(function (fn) { fn(); });
  };
  Model.prototype.on = function (event, fn) { (this.listeners[event] = this.listeners[event] || []).push(fn); };
  Model.prototype.off = function (event, fn) {
    if (!event) { this.listeners = {}; return; }
    this.listeners[event] = fn ? (this.listeners[event] || []).filter(function (x) { return x !== fn; }) : [];
  };
  Model.prototype.save_changes = function () {};   // nothing to sync with: the page is the whole state
  Model.prototype.send = function () {};
  Model.prototype.widget_manager = null;

  function problem(host, text) {
    var note = document.createElement("p");
    note.className = "redspots-runtime-problem";
    note.setAttribute("role", "status");
    note.textContent = text;
    host.appendChild(note);
  }

  async function draw() {
    var stateScript = document.querySelector('script[type="' + STATE + '"]');
    var views = document.querySelectorAll('script[type="' + VIEW + '"]');
    if (!views.length) return;
    var models = stateScript ? JSON.parse(stateScript.textContent).state : {};
    var modules = new Map();
    var styled = new Set();
    for (var i = 0; i < views.length; i++) {
      var script = views[i];
      var host = script.parentElement;
      try {
        var id = JSON.parse(script.textContent).model_id;
        var saved = models[id];
        if (!saved || saved.model_module !== "anywidget" || !saved.state._esm) {
          problem(host, "This interactive view can only be shown in JupyterLab, with a running kernel.");
          continue;
        }
        var state = saved.state;
        if (state._css && !styled.has(state._anywidget_id)) {
          var style = document.createElement("style");
          style.textContent = state._css;
          document.head.appendChild(style);
          styled.add(state._anywidget_id);
        }
        if (!modules.has(state._esm)) {
          var url = URL.createObjectURL(new Blob([state._esm], { type: "text/javascript" }));
          modules.set(state._esm, import(url));
        }
        var widget = (await modules.get(state._esm)).default;
        var model = new Model(state);
        var el = document.createElement("div");
        el.redspotsModel = model;            // the page's state, for tests and for the console
        host.appendChild(el);
        if (widget.initialize) await widget.initialize({ model: model });
        await widget.render({ model: model, el: el });
      } catch (error) {
        problem(host, "This interactive view could not start in this browser (" + error + ").");
      }
    }
    document.documentElement.setAttribute("data-redspots-ready", "true");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
