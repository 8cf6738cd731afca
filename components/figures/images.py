"""Chart images rendered server-side: PNG or SVG with the title and the source line inside.

Rendering uses kaleido 1.x driving the system's Chromium (never a downloaded one): found through
$BROWSER_PATH, /usr/bin/chromium, or `chromium` / `chromium-browser` / `google-chrome` on PATH.
One Chromium per process is started on the first image and reused (~0.2 s an image instead of
~3 s); it runs on a private event-loop thread, so a browser that fails to start or hangs raises
an error here instead of blocking the caller forever. The page kaleido renders in loads plotly.js
from the installed plotly package and MathJax is off, so no request leaves the machine.

Every image is drawn from a copy of the figure in the project template (`import streamlit`
switches plotly's default template to one whose exports come out black).
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import math
import os
import shutil
import textwrap
import threading
import time
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, Literal

import plotly.graph_objects as go

from components.figures.style import TEMPLATE, plain

CHROMIUM = "/usr/bin/chromium"
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
START_TIMEOUT_S = 60  # Chromium's first start on a cold disk can take several seconds
RENDER_TIMEOUT_S = 90

# Layout of the text drawn into the image (pixels at scale 1)
TITLE_SIZE = 22
SOURCE_SIZE = 13
SOURCE_LINE_PX = 18  # line height of the source annotation
SOURCE_MAX_LINES = 3
TITLE_BAND = 56  # room for the title above a top legend or the plot
NO_TITLE_BAND = 16  # the same when the picture has no title (a slide's: the slide has one)
LEGEND_FONT = 15
LEGEND_ROW_PX = 30  # generous: an underestimate would let the legend push the plot up
CHAR_PX = 0.62  # width of an average character in em (generous for Liberation/Arial)
LEGEND_CHAR_EM = 0.52

Format = Literal["png", "svg"]


def _executable(path: str | os.PathLike | None) -> str | None:
    if not path:
        return None
    p = Path(path)
    return str(p) if p.is_file() and os.access(p, os.X_OK) else None


def find_browser() -> str | None:
    """The Chromium to render with: $BROWSER_PATH, /usr/bin/chromium, else one on PATH."""
    env = os.environ.get("BROWSER_PATH", "").strip()
    if env:
        return _executable(env)
    found = _executable(CHROMIUM)
    if found:
        return found
    for name in BROWSER_NAMES:
        found = _executable(shutil.which(name))
        if found:
            return found
    return None


class _Renderer:
    """One kaleido (one Chromium) on its own asyncio loop thread; callable from any thread."""

    def __init__(self, browser: str) -> None:
        import kaleido

        self.browser = browser
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True,
                                        name="kaleido-renderer")
        self._thread.start()

        async def _open():
            k = kaleido.Kaleido(path=browser, mathjax=False, timeout=RENDER_TIMEOUT_S)
            await k.open()
            return k

        try:
            self._kaleido = self._call(_open(), START_TIMEOUT_S)
        except BaseException:
            self._stop_loop()
            raise

    def _call(self, coro: Coroutine, timeout: float) -> Any:
        future = asyncio.run_coroutine_threadsafe(coro, self._loop)
        try:
            return future.result(timeout)
        except TimeoutError:
            future.cancel()
            raise

    def render(self, fig: dict, opts: dict) -> bytes:
        return self._call(self._kaleido.calc_fig(fig, opts=opts), RENDER_TIMEOUT_S)

    def close(self) -> None:
        with contextlib.suppress(Exception):  # closing at exit: nothing more to do
            self._call(self._kaleido.close(), 10)
        self._stop_loop()

    def _stop_loop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)


_lock = threading.Lock()
_renderer: _Renderer | None = None
_failure: tuple[float, str] | None = None  # (when, why) the renderer last failed to start
RETRY_AFTER_S = 300  # after a failed start, images are reported unavailable this long


def _get_renderer() -> _Renderer:
    """The process's renderer, started on first use (thread-safe)."""
    global _renderer, _failure
    with _lock:
        if _renderer is not None:
            return _renderer
        ok, reason = images_available()
        if not ok:
            raise RuntimeError(reason)
        browser = find_browser()
        try:
            _renderer = _Renderer(browser)
        except Exception as err:
            _failure = (time.monotonic(), f"Chromium at {browser} did not start for rendering "
                                          f"images ({type(err).__name__}: {err}).")
            raise RuntimeError(_failure[1]) from err
        _failure = None
        atexit.register(shutdown)
        return _renderer


def shutdown() -> None:
    """Stop the renderer's Chromium (it is started again on the next image)."""
    global _renderer
    with _lock:
        if _renderer is not None:
            _renderer.close()
            _renderer = None


def _discard(renderer: _Renderer) -> None:
    """Stop `renderer` unless another thread has already replaced it."""
    global _renderer
    with _lock:
        if _renderer is renderer:
            _renderer = None
        else:
            return
    renderer.close()


def images_available() -> tuple[bool, str]:
    """(True, which browser renders) or (False, a plain-language reason to show the analyst).

    Does not start Chromium; a start that failed in the last RETRY_AFTER_S is reported.
    """
    if _failure and time.monotonic() - _failure[0] < RETRY_AFTER_S:
        return False, (_failure[1] + " Use the download button in the chart's own toolbar "
                       "instead: it saves the image from your browser.")
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return False, ("Server-side chart images need the 'kaleido' package, which is not "
                       "installed. Use the download button in the chart's own toolbar instead: "
                       "it saves the image from your browser.")
    browser = find_browser()
    if browser is None:
        return False, ("No Chromium browser was found on this computer (looked for "
                       "$BROWSER_PATH, /usr/bin/chromium and chromium on the PATH), so chart "
                       "images cannot be made here. Use the download button in the chart's own "
                       "toolbar instead: it saves the image from your browser. To enable them, "
                       "install Chromium (Debian: apt-get install chromium).")
    return True, f"Chart images are rendered with Chromium ({browser})."


# --- the figure as it goes into the image --------------------------------------------------


def wrap_source(source_line: str, width_px: float, max_lines: int = SOURCE_MAX_LINES
                ) -> list[str]:
    """The source line broken into lines that fit `width_px`, at most `max_lines`.

    When the sources do not fit, the last ones are replaced by 'and N more'.
    """
    chars = max(20, int(width_px / (SOURCE_SIZE * CHAR_PX)))
    lines = textwrap.wrap(source_line, chars) or [""]
    if len(lines) <= max_lines:
        return lines
    head, sep, rest = source_line.partition(": ")
    items = rest.split("; ") if sep else source_line.split("; ")
    for keep in range(len(items) - 1, 0, -1):
        text = (f"{head}: " if sep else "") + "; ".join(items[:keep])
        text += f"; and {len(items) - keep} more"
        lines = textwrap.wrap(text, chars)
        if len(lines) <= max_lines:
            return lines
    return textwrap.wrap(source_line, chars)[:max_lines]


def _legend_rows(fig: go.Figure, width_px: float) -> int:
    """Rows a horizontal legend takes at `width_px`, estimated generously: plotly puts items on
    one row when they fit, else in columns as wide as the widest item."""
    names = [str(t.name or "") for t in fig.data
             if t.showlegend is not False and t.name and t.visible is not False]
    if not names:
        return 0
    size = (fig.layout.legend.font.size if fig.layout.legend.font
            and fig.layout.legend.font.size else LEGEND_FONT)
    legend = fig.layout.legend
    if legend.entrywidthmode == "fraction" and legend.entrywidth:
        # columns of a set fraction of the width (a slide's two-column legend)
        return math.ceil(len(names) / max(1, int(1 / legend.entrywidth)))
    widths = [48 + len(name) * size * LEGEND_CHAR_EM for name in names]
    if sum(widths) <= width_px:
        return 1
    columns = max(1, int(width_px // max(widths)))
    return math.ceil(len(names) / columns)


def _legend_side(fig: go.Figure) -> str | None:
    """'top' or 'bottom' for a horizontal legend outside the plot area, else None."""
    legend = fig.layout.legend
    if (legend.orientation != "h" or fig.layout.showlegend is False
            or legend.yref == "container"):
        return None
    y = legend.y if legend.y is not None else 1.02
    if y < 0:
        return "bottom"
    if y > 1:
        return "top"
    return None


def _single_y_axis(fig: go.Figure) -> bool:
    axes = [k for k in fig.layout.to_plotly_json() if k.startswith("yaxis")]
    return (not axes or axes == ["yaxis"]) and fig.layout.yaxis.domain is None and all(
        getattr(t, "yaxis", "y") in (None, "y") for t in fig.data)


def prepare_figure(fig: go.Figure, *, title: str, source_line: str, width: int = 1600,
                   height: int = 900) -> go.Figure:
    """A copy of `fig` laid out for export: project template, title on top, source line at the
    bottom (wrapped, at most three lines), horizontal legends moved clear of both.

    title and source_line are plain text (escaped here).

    Layout from the bottom up, in pixels: the source line in a bottom margin of its own; above
    it, inside the plot area, room for a bottom legend and the x axis (the y axis's domain
    starts above them). Nothing but the source line sits in the bottom margin, so nothing can
    push it there, and the legend, however many rows it takes, grows upwards, away from it.
    """
    out = go.Figure(fig)
    out.update_layout(template=TEMPLATE, width=width, height=height, autosize=False)
    lines = wrap_source(source_line, width - 60) if source_line else []
    footer = 20 + SOURCE_LINE_PX * len(lines) if lines else 12
    side = _legend_side(out)
    if side and out.layout.legend.traceorder is None:  # grouped items would stack in columns
        out.update_layout(legend={"traceorder": "normal"})
    legend_px = _legend_rows(out, width - 40) * LEGEND_ROW_PX if side else 0
    xaxis = out.layout.xaxis
    axis_px = 0
    if xaxis.visible is not False and xaxis.showticklabels is not False:
        # tick labels and the axis title at their own sizes (larger on a projector's slide)
        base = out.layout.font.size or 12
        axis_px = 24 + 1.3 * (xaxis.tickfont.size or base)
        if xaxis.title and xaxis.title.text:
            axis_px += 14 + 1.3 * (xaxis.title.font.size or base + 2)
    band = TITLE_BAND if title else NO_TITLE_BAND
    top = band + (legend_px + 6 if side == "top" else 0)
    below_plot = axis_px + (legend_px + 12 if side == "bottom" else 0)
    margin = out.layout.margin
    inside = _single_y_axis(out) and below_plot > 0
    plot_h = height - top - footer
    if inside and below_plot < plot_h * 0.6:
        out.update_layout(yaxis={"domain": [below_plot / plot_h, 1]})
        # what was drawn against the plot area's height (e.g. a 'today' line) keeps to the plot
        for item in (*out.layout.shapes, *out.layout.annotations):
            if item.yref == "paper":
                item.yref = "y domain"
        bottom = footer
    else:  # several y axes: reserve the room in the margin instead (estimated)
        inside = False
        bottom = footer + below_plot
    out.update_layout(
        title={"text": plain(title), "x": 0, "xref": "paper", "xanchor": "left",
               "yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 14},
               "font": {"size": TITLE_SIZE}},
        margin={"t": max(top, margin.t or 0), "b": bottom, "l": margin.l,
                "r": max(margin.r or 0, 24)},
    )
    if side == "bottom":
        out.update_layout(legend=(
            {"yref": "paper", "y": 0, "yanchor": "bottom", "x": 0, "xanchor": "left"} if inside
            else {"yref": "container", "y": (footer + 4) / height, "yanchor": "bottom",
                  "x": 0, "xanchor": "left"}))
    elif side == "top":
        out.update_layout(legend={"yref": "container", "y": 1 - (band - 4) / height,
                                  "yanchor": "top", "x": 0, "xanchor": "left"})
    if lines:
        out.add_annotation(
            name="source_line", text="<br>".join(plain(x) for x in lines), showarrow=False,
            xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top", align="left",
            yshift=-(out.layout.margin.b - footer + 8),
            font={"size": SOURCE_SIZE, "color": "#444"})
    return out


def figure_image(fig: go.Figure, *, title: str, source_line: str, fmt: Format = "png",
                 width: int = 1600, height: int = 900, scale: float = 1) -> bytes:
    """The figure as PNG or SVG bytes, `width`×`height` CSS pixels (PNG: times `scale`).

    A copy is drawn (the caller's figure is not changed) in the project template with `title`
    at the top and `source_line` ('Sources: …', plain text) at the bottom, inside the image.
    Starts the process's Chromium on first use; if it has died or hangs, it is restarted and
    the image tried once more. Raises RuntimeError when images are not available (see
    images_available), TimeoutError when Chromium does not answer twice.
    """
    if fmt not in ("png", "svg"):
        raise ValueError(f"fmt must be 'png' or 'svg', not {fmt!r}")
    if not (math.isfinite(scale) and scale > 0):
        raise ValueError("scale must be a positive number")
    prepared = prepare_figure(fig, title=title, source_line=source_line, width=width,
                              height=height)
    spec = prepared.to_dict()
    opts = {"format": fmt, "width": width, "height": height, "scale": scale}
    renderer = _get_renderer()
    try:
        data = renderer.render(spec, opts)
    except (ValueError, TypeError):
        raise
    except Exception:  # Chromium died or hung: start a fresh one and try once more
        _discard(renderer)
        data = _get_renderer().render(spec, opts)
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)
