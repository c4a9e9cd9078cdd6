"""The explorers: composite widgets that only call the queries and show what comes back.

Built from ipywidgets' core controls only (no JavaScript build), so exported HTML can show
them. Each is a ``VBox`` with private children and a small public surface: ``value`` (and, for
the symptom filter, ``ruled_out``).
"""
from __future__ import annotations

import ipywidgets as w
import traitlets

from . import figures, render
from .content import Tables, load
from .query import _ids, compare, match, next_question, red_flags, treatment_plan

MAX_COMPARED = 5
_WIDE = {"width": "auto"}   # layout keywords: a Layout is a widget, so each control gets its own
# Children of a scrolling box must not shrink, or they overlap when the box is shorter than them.
_NO_SHRINK = {"flex": "0 0 auto"}
# Long finding labels wrap instead of being cut off with an ellipsis (core widgets only allow one line).
_STYLE = ("<style>.redspots-symptom-filter .widget-checkbox{height:auto;min-height:var(--jp-widgets-inline-height)}"
          ".redspots-symptom-filter .widget-label-basic span{white-space:normal;line-height:1.3}</style>")


def _switch(control: w.Widget, stack: w.Stack) -> w.Widget:
    """Show the stack pane at the control's index: in the browser (jslink, needs no kernel) and in
    Python (dlink, so code and tests see the same state). Returns the browser link."""
    w.dlink((control, "index"), (stack, "selected_index"))
    return w.jslink((control, "index"), (stack, "selected_index"))


def _one_condition(tables: Tables, value: str) -> str:
    (condition_id,) = _ids([value], tables.conditions.index, "condition")
    return condition_id


def _needs_kernel(view: str) -> w.HTML:
    """A note that stays hidden in JupyterLab and shows in exported HTML (see export.PAGE_CSS)."""
    return w.HTML(f'<div class="redspots-needs-kernel" style="display:none;background:#fff1d6;'
                  f'border-left:5px solid #8a5300;padding:6px 10px;color:#1b1b1b">ℹ This is a saved picture '
                  f'of the {view}: it needs a running Python kernel to respond to clicks. Open the notebook '
                  f'in JupyterLab (<code>make lab</code>) or on Binder to use it.</div>',
                  layout=w.Layout(**_NO_SHRINK))


class SymptomFilter(w.VBox):
    """Tick what you see; the conditions that fit are ranked, with warnings above them.

    ``value`` is the tuple of selected finding ids (settable from code, kept in vocabulary
    order); ``ruled_out`` the findings answered "no" to the suggested question, which only stops
    it being asked again (ticking one of them takes it off). Needs a running kernel: every change is recomputed by
    :func:`redspots.match`, :func:`redspots.red_flags` and :func:`redspots.next_question`.

    >>> f = SymptomFilter(value=["fever", "non_blanching"])
    >>> f.value
    ('non_blanching', 'fever')
    """

    value = traitlets.Tuple(help="the selected finding ids")
    ruled_out = traitlets.Tuple(help="finding ids answered 'no' to the suggested question")

    def __init__(self, *, tables: Tables | None = None, value=(), ruled_out=(), **kwargs):
        self._tables = t = tables or load()
        self._syncing = False
        self._boxes: dict[str, w.Checkbox] = {}
        groups = []
        for group, findings in t.findings.groupby("group", observed=True, sort=True):
            items = [w.HTML(f"<h4 style='margin:10px 0 0 0'>{render.esc(findings.group_label.iloc[0])}</h4>",
                            layout=w.Layout(**_NO_SHRINK))]
            for fid, finding in findings.iterrows():
                box = w.Checkbox(value=False, description=finding.label, indent=False, tooltip=finding.help,
                                 layout=w.Layout(width="auto", **_NO_SHRINK), style={"description_width": "initial"})
                box.observe(self._on_box, "value")
                self._boxes[fid] = box
                items += [box, w.HTML(f"<small style='color:#555;margin-left:26px;display:block;line-height:1.35'>"
                                      f"{render.esc(finding.help)}</small>", layout=w.Layout(**_NO_SHRINK))]
            groups.append(w.VBox(items, layout=w.Layout(**_NO_SHRINK)))
        self._flags = w.HTML()
        self._status = w.HTML()
        self._results = w.HTML()
        self._next = w.HTML()
        # One button per answer to the suggested question (Yes / No, or each choice of a one-answer
        # group), made afresh for each question so that a late second click cannot answer the next one.
        self._asked: str | None = None
        self._refreshing = False
        self._answers = w.HBox(layout=w.Layout(flex_flow="row wrap"))
        self._clear = w.Button(description="Clear all", icon="eraser", tooltip="Untick every finding and forget the answers")
        self._clear.on_click(lambda _: self._reset())
        picker = w.VBox([w.HTML("<strong>What do you see?</strong> Tick everything that applies.",
                                layout=w.Layout(**_NO_SHRINK)), *groups],
                        layout=w.Layout(width="48%", max_height="560px", overflow="auto", padding="0 8px 0 0"))
        # The question comes before the ranking: it can change the urgency, and the list is long.
        results = w.VBox([self._status, self._next, self._answers, self._results, self._clear],
                         layout=w.Layout(width="52%"))
        super().__init__([w.HTML(_STYLE), _needs_kernel("symptom filter"), self._flags, w.HBox([picker, results])],
                         **kwargs)
        self.add_class("redspots-symptom-filter")
        self.value = tuple(value)
        self.ruled_out = tuple(ruled_out)
        self._refresh()

    @traitlets.validate("value", "ruled_out")
    def _valid(self, proposal):
        chosen = set(_ids(proposal["value"], self._tables.findings.index, "finding"))
        return tuple(f for f in self._tables.findings.index if f in chosen)

    @traitlets.observe("ruled_out")
    def _on_ruled_out(self, change):
        if not self._refreshing:
            self._refresh()

    def _reset(self):
        self.ruled_out = ()
        self.value = ()

    def _answer(self, asked: str, tick: str | None):
        """Yes (or a choice of a one-answer group) ticks a finding; No rules the asked one out."""
        if asked != self._asked:          # a late click on a question that is already answered
            return
        if tick:
            self.value = (*self.value, tick)
        else:
            self.ruled_out = (*self.ruled_out, asked)

    @traitlets.observe("value")
    def _on_value(self, change):
        self._syncing = True
        try:
            for fid, box in self._boxes.items():
                box.value = fid in change["new"]
        finally:
            self._syncing = False
        self._refresh()

    def _on_box(self, change):
        if not self._syncing:
            self.value = tuple(fid for fid, box in self._boxes.items() if box.value)

    def _refresh(self):
        self._refreshing = True
        try:
            self._show(self._tables, self.value)
        finally:
            self._refreshing = False

    def _show(self, t: Tables, chosen: tuple):
        self._flags.value = render.red_flag_banner(red_flags(chosen, tables=t))
        count = len(chosen)
        self._status.value = (f"<strong>{count} finding{'s' if count != 1 else ''} selected.</strong> "
                              "This ranks teaching examples; it is not a diagnosis.")
        if chosen:
            self._results.value = render.ranking(match(chosen, tables=t))
        else:
            self._results.value = render.guidance(
                "Nothing ticked yet. Tick what you see on the left: the conditions that fit will be listed "
                "here, best first, with the reasons. Warnings always appear at the top.")
        self.ruled_out = tuple(f for f in self.ruled_out if f not in chosen)
        ask = self._asked = next_question(chosen, ruled_out=self.ruled_out, tables=t)
        said_no = tuple(t.findings.at[f, "label"] for f in self.ruled_out)
        self._next.value = render.suggestion(t.findings.at[ask, "label"] if ask else None,
                                             t.findings.at[ask, "help"] if ask else None, said_no)
        self._show_answers(ask)
        self._clear.disabled = not chosen and not self.ruled_out

    def _show_answers(self, ask: str | None):
        t = self._tables
        if self._answers.children and getattr(self._answers, "_for", None) == ask:
            return
        for button in self._answers.children:
            button.close()
        if ask is None:
            choices = []
        elif t.findings.at[ask, "one_answer"]:
            group = t.findings.index[t.findings.group == t.findings.group[ask]]
            choices = [(t.findings.at[f, "label"], f"Tick: {t.findings.at[f, 'label']}", f) for f in group]
        else:
            choices = [("Yes", f"Yes: tick {t.findings.at[ask, 'label']}", ask),
                       ("No", "No: not present, and not asked again", None)]
        buttons = []
        for description, tooltip, tick in choices:
            button = w.Button(description=description, tooltip=tooltip, layout=w.Layout(width="auto"))
            button.on_click(lambda _, asked=ask, tick=tick: self._answer(asked, tick))
            buttons.append(button)
        self._answers.children = buttons
        self._answers._for = ask


class ConditionComparison(w.VBox):
    """Pick two to five conditions and see their features side by side.

    ``value`` is the tuple of chosen condition ids; ``distinguishing_only`` hides the rows
    that are the same for all of them. Needs a running kernel.

    >>> c = ConditionComparison(value=["petechiae", "cherry_angioma"])
    >>> c.value
    ('petechiae', 'cherry_angioma')
    """

    value = traitlets.Tuple(help="the chosen condition ids")
    distinguishing_only = traitlets.Bool(False, help="show only the rows that tell the conditions apart")

    def __init__(self, *, tables: Tables | None = None, value=(), distinguishing_only=False, **kwargs):
        self._tables = t = tables or load()
        self._syncing = False
        self._toggles = {}
        for cid, row in t.conditions.iterrows():
            toggle = w.ToggleButton(value=False, description=row["name"], tooltip=f"Compare {row['name']}",
                                    layout=w.Layout(**_WIDE))
            toggle.observe(self._on_toggle, "value")
            self._toggles[cid] = toggle
        self._only = w.Checkbox(value=False, description="Show only the rows that tell them apart", indent=False,
                                layout=w.Layout(**_WIDE),
                                tooltip="Hide the features that are the same for every chosen condition")
        w.link((self._only, "value"), (self, "distinguishing_only"))
        self._message = w.HTML()
        self._table = w.HTML()
        self._refs = w.HTML()
        chooser = w.HBox([w.Label("Conditions (choose 2 to 5):"), *self._toggles.values()],
                         layout=w.Layout(flex_flow="row wrap"))
        super().__init__([_needs_kernel("comparison"), chooser, self._only, self._message, self._table,
                          self._refs], **kwargs)
        self.add_class("redspots-comparison")
        self.distinguishing_only = distinguishing_only
        self.value = tuple(value)
        self._refresh()

    @traitlets.validate("value")
    def _valid(self, proposal):
        chosen = _ids(proposal["value"], self._tables.conditions.index, "condition")
        if len(chosen) > MAX_COMPARED:
            raise ValueError(f"compare at most {MAX_COMPARED} conditions at once (got {len(chosen)})")
        return tuple(chosen)

    @traitlets.observe("value", "distinguishing_only")
    def _on_value(self, change):
        self._syncing = True
        try:
            for cid, toggle in self._toggles.items():
                toggle.value = cid in self.value
                toggle.icon = "check" if toggle.value else ""   # chosen is shown by a tick, not only by shade
        finally:
            self._syncing = False
        self._refresh()

    def _on_toggle(self, change):
        if self._syncing:
            return
        cid = next(c for c, t in self._toggles.items() if t is change["owner"])
        if change["new"] and len(self.value) >= MAX_COMPARED:
            self._syncing = True
            change["owner"].value = False
            self._syncing = False
            self._message.value = render.guidance(f"You can compare at most {MAX_COMPARED} at once: "
                                                  "untick one first.")
            return
        self.value = tuple(c for c in self.value if c != cid) + ((cid,) if change["new"] else ())

    def _refresh(self):
        t, chosen = self._tables, self.value
        if len(chosen) < 2:
            self._message.value = render.guidance(
                "Choose at least two conditions with the buttons above to see them side by side."
                + (f" ({t.conditions.loc[chosen[0], 'name']} is chosen.)" if chosen else ""))
            self._table.value = self._refs.value = ""
            return
        table = compare(chosen, distinguishing_only=self.distinguishing_only, tables=t)
        names = t.conditions.loc[list(chosen), "name"].to_dict()
        if table.empty:
            self._message.value = render.guidance("These conditions do not differ in any listed feature.")
        else:
            shown = "only the rows that differ" if self.distinguishing_only else "every feature; ≠ marks a difference"
            self._message.value = f"<small>Showing {shown}.</small>"
        self._table.value = render.comparison(table, names) if not table.empty else ""
        refs = [r for cid in chosen for r in t.conditions.loc[cid, "refs"]]
        self._refs.value = render.references(refs, t)


class TreatmentStepper(w.VBox):
    """Choose a condition and step through its treatment, first-line to escalation.

    Every pane is computed up front and switched by ``jslink``, so choosing the condition and
    moving the step slider also work with no kernel (in exported HTML). ``value`` is the
    condition id; ``step`` the shown step (1-based). The Previous/Next buttons need a kernel.

    >>> s = TreatmentStepper(value="keratosis_pilaris")
    >>> s.step = 2
    >>> s.current_step_name == rs_plan_name("keratosis_pilaris", 2)
    True
    """

    value = traitlets.Unicode(help="the chosen condition id")
    step = traitlets.Int(1, help="the shown step, from 1")

    def __init__(self, *, tables: Tables | None = None, value: str | None = None, **kwargs):
        self._tables = t = tables or load()
        ids = list(t.conditions.index)
        self._choose = w.Dropdown(options=[(t.conditions.at[c, "name"], c) for c in ids], description="Condition",
                                  tooltip="Choose the condition whose treatment steps to show",
                                  style={"description_width": "initial"})
        self._sliders, panes, self._links = {}, [], []
        for cid in ids:
            plan = treatment_plan(cid, tables=t)
            name = t.conditions.at[cid, "name"]
            slider = w.SelectionSlider(options=[(f"{k}. {s['name']}", k) for k, s in plan.iterrows()],
                                       description="Step", tooltip="Move with the arrow keys to the next step", readout=False,
                                       continuous_update=True, layout=w.Layout(width="95%"),
                                       style={"description_width": "initial"})
            steps = w.Stack([w.HTML(render.treatment_step(s, k, len(plan), name)) for k, s in plan.iterrows()],
                            selected_index=0)
            self._links.append(_switch(slider, steps))
            slider.observe(self._on_slider, "index")
            self._sliders[cid] = slider
            panes.append(w.VBox([slider, steps, w.HTML(render.references(plan.refs.sum(), t))]))
        self._panes = w.Stack(panes, selected_index=0)
        self._links.append(_switch(self._choose, self._panes))
        self._previous = w.Button(description="Previous step", icon="arrow-left", tooltip="Show the step before")
        self._next = w.Button(description="Next step", icon="arrow-right", tooltip="Show the next step")
        self._previous.on_click(lambda _: self._move(-1))
        self._next.on_click(lambda _: self._move(+1))
        self._choose.observe(lambda ch: setattr(self, "value", ch["new"]), "value")
        super().__init__([self._choose, self._panes, w.HBox([self._previous, self._next])], **kwargs)
        self.add_class("redspots-stepper")
        self.value = value or ids[0]
        self._update_buttons()

    @traitlets.validate("value")
    def _valid_value(self, proposal):
        return _one_condition(self._tables, proposal["value"])

    @traitlets.observe("value")
    def _on_value(self, change):
        self._choose.value = change["new"]
        self.step = self._slider.index + 1
        self._update_buttons()

    @traitlets.validate("step")
    def _valid_step(self, proposal):
        total = len(self._slider.options)
        if not 1 <= proposal["value"] <= total:
            raise ValueError(f"{self.value} has steps 1 to {total} (got {proposal['value']})")
        return proposal["value"]

    @traitlets.observe("step")
    def _on_step(self, change):
        self._slider.index = change["new"] - 1
        self._update_buttons()

    @property
    def _slider(self) -> w.SelectionSlider:
        return self._sliders[self.value]

    @property
    def current_step_name(self) -> str:
        """The name of the step shown now."""
        return str(treatment_plan(self.value, tables=self._tables).loc[self.step, "name"])

    def _on_slider(self, change):
        if change["owner"] is self._slider:
            self.step = change["new"] + 1

    def _move(self, delta: int):
        self.step = min(max(self.step + delta, 1), len(self._slider.options))

    def _update_buttons(self):
        if not hasattr(self, "_previous"):
            return
        self._previous.disabled = self.step <= 1
        self._next.disabled = self.step >= len(self._slider.options)


def rs_plan_name(condition_id: str, step: int) -> str:
    """The name of one treatment step (used by the doctest above)."""
    return str(treatment_plan(condition_id).loc[step, "name"])


class BodyMap(w.VBox):
    """Choose a condition and a skin tone to see where the condition usually appears.

    Every picture is drawn up front and switched by ``jslink``, so this also works with no
    kernel (in exported HTML). ``value`` is the condition id, ``skin`` the skin tone.

    >>> m = BodyMap(value="petechiae", skin="dark")
    >>> m._panes.selected_index == list(m._tables.conditions.index).index("petechiae")
    True
    """

    value = traitlets.Unicode(help="the chosen condition id")
    skin = traitlets.Unicode("light", help="the skin tone shown: light, medium or dark")

    def __init__(self, *, tables: Tables | None = None, value: str | None = None, skin: str = "light", **kwargs):
        self._tables = t = tables or load()
        ids = list(t.conditions.index)
        self._choose = w.Dropdown(options=[(t.conditions.at[c, "name"], c) for c in ids], description="Condition",
                                  tooltip="Choose the condition to show on the body map",
                                  style={"description_width": "initial"})
        self._tone = w.ToggleButtons(options=[(f"{tone.capitalize()} skin", tone) for tone in figures.SKIN_TONES],
                                     description="Skin tone", tooltips=[f"Draw the body on {tone} skin"
                                                                        for tone in figures.SKIN_TONES],
                                     style={"description_width": "initial", "button_width": "auto"})
        self._links, panes = [], []
        for cid in ids:
            pictures = w.Stack([w.HTML(figures.body_map(cid, tone, tables=t)._repr_html_())
                                for tone in figures.SKIN_TONES], selected_index=0)
            self._links.append(_switch(self._tone, pictures))
            note = w.HTML(f"<p style='line-height:1.4'><strong>On darker skin:</strong> "
                          f"{render.esc(t.conditions.at[cid, 'darker_skin'])}</p>")
            panes.append(w.VBox([pictures, note]))
        self._panes = w.Stack(panes, selected_index=0)
        self._links.append(_switch(self._choose, self._panes))
        self._choose.observe(lambda ch: setattr(self, "value", ch["new"]), "value")
        self._tone.observe(lambda ch: setattr(self, "skin", ch["new"]), "value")
        super().__init__([w.HBox([self._choose, self._tone], layout=w.Layout(flex_flow="row wrap")), self._panes],
                         **kwargs)
        self.add_class("redspots-body-map")
        self.value = value or ids[0]
        self.skin = skin

    @traitlets.validate("value")
    def _valid_value(self, proposal):
        return _one_condition(self._tables, proposal["value"])

    @traitlets.validate("skin")
    def _valid_skin(self, proposal):
        if proposal["value"] not in figures.SKIN_TONES:
            raise ValueError(f"unknown skin tone {proposal['value']!r}; "
                             f"choose one of: {', '.join(figures.SKIN_TONES)}")
        return proposal["value"]

    @traitlets.observe("value")
    def _on_value(self, change):
        self._choose.value = change["new"]

    @traitlets.observe("skin")
    def _on_skin(self, change):
        self._tone.value = change["new"]
