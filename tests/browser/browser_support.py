"""What the browser tests share: the script payloads and a page that records what ran."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

SCRIPT_PAYLOAD = "<script>window.__pwned=1</script>"
IMG_PAYLOAD = '<img src=x onerror="window.__pwned=1;alert(1)">'
BREAKOUT_PAYLOAD = "</script><script>window.__pwned=1;alert(2)</script>"


@dataclass
class WatchedPage:
    """A page that records every dialog (dismissing it), script error and console error."""

    page: Any
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def assert_nothing_ran(self) -> None:
        assert self.page.evaluate("typeof window.__pwned") == "undefined"
        assert self.dialogs == []
        # A Content-Security-Policy refusal would mean markup got through unescaped.
        assert self.errors == []


def hostile_text() -> str:
    return (
        "The harbor bridge was closed on Monday after a container ship struck its eastern pier, "
        f"officials said. A sign read {SCRIPT_PAYLOAD} and {IMG_PAYLOAD} near the pier.\n\n"
        "Mayor Renata Voss said nobody would cross the bridge until engineers had inspected it, "
        f"calling {BREAKOUT_PAYLOAD} a prank."
    )


def hostile_jsonl() -> str:
    record = {
        "id": "wire-1",
        "title": f"Ship hits bridge {SCRIPT_PAYLOAD}",
        "outlet": f"Wire {IMG_PAYLOAD}",
        "url": "javascript:window.__pwned=1",
        "text": "A container ship struck the harbor bridge on Monday and the city closed it, "
        "officials said.\n\nMayor Renata Voss said nobody would cross the bridge until engineers "
        f"had inspected it. {BREAKOUT_PAYLOAD}",
    }
    return json.dumps(record) + "\n"
