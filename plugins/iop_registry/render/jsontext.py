"""JSON text that every reader can take, whatever the values hold."""

from __future__ import annotations

import re

# U+2028 and U+2029 are valid in JSON but ended a string in JavaScript before ES2019 (our
# search index is loaded as scripts), and a lone surrogate cannot be written as UTF-8 at all.
# As \uXXXX escapes they are the same JSON, safe in both. Validation refuses them in
# registry text; this is the writer's own wall.
_UNSAFE = re.compile("[\u2028\u2029\ud800-\udfff]")


def script_safe(json_text: str) -> str:
    return _UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", json_text)
