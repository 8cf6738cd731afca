"""Drive an app with AppTest and turn what a page drew into plain data.

Used twice: to time script runs (server_time.py) and, in the preparatory step, to record what
every page draws for every filter state so the floor app can draw the same elements from that
record without any project code (`bench/out/floor_<N>x.pkl`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import element_tree as et

# --- keep what AppTest drops -------------------------------------------------------------------
# UnknownElement (plotly, pydeck) keeps only the inner proto; keep the outer one for its
# height/width. Download buttons keep only a media URL; keep the bytes behind it.
_orig_unknown_init = et.UnknownElement.__init__


def _unknown_init(self, proto, root):
    _orig_unknown_init(self, proto, root)
    self.outer = proto


et.UnknownElement.__init__ = _unknown_init

MEDIA: dict[str, tuple[bytes, str, str | None]] = {}
RECORD_MEDIA = False


def _patch_media() -> None:
    from streamlit.runtime import memory_media_file_storage as mm

    original = mm.MemoryMediaFileStorage.load_and_get_id
    if getattr(original, "_bench", False):
        return

    def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        if RECORD_MEDIA and isinstance(path_or_data, bytes):
            MEDIA[file_id] = (path_or_data, mimetype, filename)
        return file_id

    load_and_get_id._bench = True
    mm.MemoryMediaFileStorage.load_and_get_id = load_and_get_id


_patch_media()


# --- driving ---------------------------------------------------------------------------------

def new_app_test(script: Path, timeout: float) -> AppTest:
    return AppTest.from_file(str(script), default_timeout=timeout)


def switch_to(at: AppTest, title: str) -> None:
    """Select the navigation page called `title` (works for file and function pages)."""
    for page_hash, info in (at._registered_pages or {}).items():
        if info.get("page_name") == title:
            at._page_hash = page_hash
            return
    titles = [i.get("page_name") for i in (at._registered_pages or {}).values()]
    raise KeyError(f"no page titled {title!r}: {titles}")


def set_filters(at: AppTest, state: dict[str, list[str]]) -> None:
    for key, value in state.items():
        at.multiselect(key=key).set_value(list(value))


def exceptions(at: AppTest) -> list[str]:
    return [e.message for e in at.exception]


# --- recording -------------------------------------------------------------------------------

def _user_key(node) -> str | None:
    key = getattr(node, "key", None)
    return key if isinstance(key, str) and key and key != "None" else None


def _height(node) -> int | None:
    outer = getattr(node, "outer", None)
    if outer is not None and outer.HasField("height_config"):
        hc = outer.height_config
        if hc.WhichOneof("height_spec") == "pixel_height":
            return int(hc.pixel_height)
    return None


def _element(node, stats: dict) -> dict | None:
    ty = node.type
    p = node.proto
    stats["elements"] = stats.get("elements", 0) + 1
    stats["proto_bytes"] = stats.get("proto_bytes", 0) + p.ByteSize()
    stats.setdefault("kinds", {})
    stats["kinds"][ty] = stats["kinds"].get(ty, 0) + 1
    if ty in ("title", "header", "subheader"):
        return {"e": ty, "body": p.body, "help": p.help or None}
    if ty in ("markdown", "caption", "divider", "latex"):
        return {"e": "caption" if ty == "caption" else "markdown", "body": p.body,
                "help": p.help or None}
    if ty == "metric":
        return {"e": "metric", "label": p.label, "value": p.body, "delta": p.delta or None,
                "help": p.help or None,
                "collapsed": p.label_visibility.value == type(p.label_visibility).COLLAPSED}
    if ty == "dataframe":
        frame = node.value
        size = len(p.arrow_data.data)
        stats.setdefault("dataframe_bytes", []).append(size)
        stats.setdefault("dataframe_rows", []).append(len(frame))
        return {"e": "dataframe", "df": frame}
    if ty == "plotly_chart":
        stats.setdefault("plotly_spec_bytes", []).append(len(p.spec.encode()))
        return {"e": "plotly", "spec": p.spec, "config": json.loads(p.config or "{}"),
                "theme": p.theme or None, "select": list(p.selection_mode) != [],
                "selection_mode": [int(m) for m in p.selection_mode], "key": _user_key(node)}
    if ty == "deck_gl_json_chart":
        stats.setdefault("map_json_bytes", []).append(len(p.json.encode()))
        return {"e": "deck", "json": p.json, "tooltip": p.tooltip or None,
                "select": list(p.selection_mode) != [], "key": _user_key(node),
                "height": _height(node)}
    if ty == "html":
        return {"e": "html", "body": p.body}
    if ty == "text":
        return {"e": "text", "body": p.body}
    if ty in ("success", "error", "warning", "info"):
        return {"e": "alert", "kind": ty, "body": p.body, "icon": p.icon or None}
    if ty == "download_button":
        file_id = p.url.rsplit("/", 1)[-1].split(".", 1)[0]
        data, mime, name = MEDIA.get(file_id, (b"", "text/csv", None))
        stats.setdefault("download_bytes", []).append(len(data))
        return {"e": "download", "label": p.label, "data": data, "mime": mime,
                "file_name": name or "data.csv", "icon": p.icon or None,
                "key": _user_key(node)}
    if ty == "link_button":
        return {"e": "link_button", "label": p.label, "url": p.url, "icon": p.icon or None}
    if ty == "page_link":
        return {"e": "page_link", "page": p.page, "label": p.label, "icon": p.icon or None}
    if ty == "multiselect":
        return {"e": "multiselect", "label": p.label, "options": list(p.options),
                "default": [p.options[i] for i in p.default], "key": _user_key(node),
                "placeholder": p.placeholder or None}
    if ty in ("toggle", "checkbox"):
        return {"e": ty, "label": p.label, "value": bool(p.default), "key": _user_key(node),
                "help": p.help or None}
    if ty == "button_group":
        options = [o.content for o in p.options]
        default = options[p.default[0]] if len(p.default) else None
        return {"e": "segmented", "label": p.label, "options": options, "default": default,
                "key": _user_key(node)}
    if ty == "selectbox":
        return {"e": "selectbox", "label": p.label, "options": list(p.options),
                "index": p.default if p.HasField("default") else 0, "key": _user_key(node)}
    if ty == "date_input":
        return {"e": "date_input", "label": p.label, "default": list(p.default),
                "min": p.min, "max": p.max, "key": _user_key(node)}
    if ty == "code":
        return {"e": "code", "body": p.code_text, "language": p.language or None}
    if ty == "file_uploader":
        return {"e": "file_uploader", "label": p.label, "type": list(p.type) or None,
                "key": _user_key(node), "help": p.help or None,
                "multiple": bool(p.multiple_files)}
    if ty == "exception":
        stats.setdefault("exceptions", []).append(p.message)
        return None
    stats.setdefault("unsupported", []).append(ty)
    return {"e": "unsupported", "type": ty}


def _block(node, stats: dict) -> dict | list:
    children = [node.children[k] for k in sorted(node.children)]
    ty = node.type
    if ty == "expander":
        return {"b": "expander", "label": node.proto.label,
                "expanded": bool(node.proto.expanded), "children": _nodes(children, stats)}
    if ty == "flex_container":
        fc = node.proto.flex_container
        horizontal = fc.direction == fc.HORIZONTAL
        if children and all(getattr(c, "type", None) == "column" for c in children):
            valign = {0: "top", 1: "center", 2: "bottom"}.get(
                int(children[0].proto.vertical_alignment), "top")
            return {"b": "columns", "weights": [c.proto.weight for c in children],
                    "valign": valign, "border": bool(fc.border),
                    "children": [_nodes([c.children[k] for k in sorted(c.children)], stats)
                                 for c in children]}
        stretch = node.proto.height_config.WhichOneof("height_spec") == "use_stretch"
        return {"b": "container", "border": bool(fc.border), "horizontal": horizontal,
                "stretch": stretch, "children": _nodes(children, stats)}
    if ty == "popover":
        proto = node.proto
        popover = proto.popover if "popover" in proto.DESCRIPTOR.fields_by_name else proto
        return {"b": "popover", "label": popover.label,
                "children": _nodes(children, stats)}
    if ty == "column":  # a column outside a columns block: draw as a container
        return {"b": "container", "border": False, "horizontal": False, "stretch": False,
                "children": _nodes(children, stats)}
    stats.setdefault("unsupported", []).append(f"block:{ty}")
    return {"b": "container", "border": False, "horizontal": False, "stretch": False,
            "children": _nodes(children, stats)}


def _nodes(nodes, stats: dict) -> list:
    out = []
    for node in nodes:
        if isinstance(node, et.Block):
            out.append(_block(node, stats))
        else:
            el = _element(node, stats)
            if el is not None:
                out.append(el)
    return out


def record(at: AppTest) -> tuple[dict[str, list], dict[str, Any]]:
    """The page as plain data ({'main': [...], 'sidebar': [...]}) and its payload statistics."""
    stats: dict[str, Any] = {}
    tree = at._tree
    parts = {}
    for child in tree.children.values():
        if child.type in ("main", "sidebar"):
            parts[child.type] = _nodes([child.children[k] for k in sorted(child.children)],
                                       stats if child.type == "main" else {})
    return parts, stats


def payload_stats(at: AppTest) -> dict:
    """Sizes of what the page sends: map JSON, each plotly spec, dataframes, all protos."""
    _, stats = record(at)
    return stats
