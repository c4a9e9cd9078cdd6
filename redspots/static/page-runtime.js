// Draws the explorers of an exported page with no kernel and no network.
//
// nbconvert writes each widget view as a script element of type VIEW (below) in its output, and every
// model's saved state in one script element of type STATE.
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
    if (JSON.stringify(this.state[key]) === JSON.stringify(value)) return;   // as Backbone: no change, no event
    this.state[key] = value;
    (this.listeners["change:" + key] || []).slice().forEach(function (fn) { fn(); });
    (this.listeners.change || []).slice().forEach(function (fn) { fn(); });
  };
  Model.prototype.on = function (event, fn) { (this.listeners[event] = this.listeners[event] || []).push(fn); };
  Model.prototype.off = function (event, fn) {
    var self = this;
    (event ? [event] : Object.keys(this.listeners)).forEach(function (name) {
      self.listeners[name] = fn ? (self.listeners[name] || []).filter(function (x) { return x !== fn; }) : [];
    });
  };
  Model.prototype.save_changes = function () {};   // nothing to sync with: the page is the whole state
  Model.prototype.send = function () {};
  Model.prototype.widget_manager = null;

  function problem(host, text) {   // said where the view would be
    var note = document.createElement("p");
    note.className = "redspots-runtime-problem";
    note.setAttribute("role", "status");
    note.textContent = text;
    host.appendChild(note);
  }

  // Take the explorers' views as soon as the page is parsed (the saved state comes after this script),
  // before the widget renderer, which waits for the page to load, looks for views: other kinds of widget
  // are left to it (redspots.export adds it only to a page that has one).
  function take() {
    var views = [];
    try {
      var stateScript = document.querySelector('script[type="' + STATE + '"]');
      var models = stateScript ? JSON.parse(stateScript.textContent).state : {};
      var drawn = {};
      document.querySelectorAll('script[type="' + VIEW + '"]').forEach(function (script) {
        var id = JSON.parse(script.textContent).model_id;
        var saved = models[id];
        if (saved && saved.model_module === "anywidget" && saved.state._esm) {
          drawn[id] = drawn[id] || new Model(saved.state);   // two views of one widget share its model
          views.push([script.parentElement, drawn[id]]);
          script.remove();
        }
      });
      if (stateScript && Object.keys(drawn).length) {   // the renderer would try to fetch anywidget for them
        var all = JSON.parse(stateScript.textContent);
        Object.keys(drawn).forEach(function (id) { delete all.state[id]; });
        stateScript.textContent = JSON.stringify(all);
      }
    } catch (error) {
      problem(document.body, "The interactive views of this page could not be read (" + error + ").");
    }
    return views;
  }

  async function draw() {
    var views = take();
    var modules = new Map();
    var styled = new Set();
    for (var i = 0; i < views.length; i++) {
      var host = views[i][0];
      var model = views[i][1];
      var state = model.state;
      try {
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
