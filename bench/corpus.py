"""Build a benchmark corpus from the project's own articles, varied so no cache can replay a document; and
what the bench scripts share: writing the corpus, printing the figures."""
from __future__ import annotations

import json
import random
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "tests" / "data" / "incidents.jsonl", *sorted((ROOT / "examples").glob("*.json"))]


def _articles() -> list[dict]:
    out = []
    for path in SOURCES:
        if path.suffix == ".jsonl":
            out += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        else:
            out.append(json.loads(path.read_text(encoding="utf-8")))
    return out


def _swap_tables(rng: random.Random) -> dict[str, list[str]]:
    """Words to vary per language: place names, numbers, weekdays."""
    return {
        "fr": ["Koursk", "Belgorod", "Kharkiv", "Soumy", "Odessa", "Donetsk", "Tachkent", "Almaty", "Gao", "Goma"],
        "en": ["Kursk", "Belgorod", "Kharkiv", "Sumy", "Odesa", "Donetsk", "Tashkent", "Almaty", "Gao", "Goma"],
    }


def _body(art: dict) -> str:
    """The article without its headline paragraph."""
    parts = art["text"].split("\n\n")
    return "\n\n".join(parts[1:]) if len(parts) > 1 and parts[0].strip() == (art.get("title") or "").strip() \
        else art["text"]


_SENTENCE_END = re.compile(r"(?<=[.!?\u00bb\u201d])(\s+)")


def _cut(text: str, budget: int) -> str:
    """The first sentences of a text that fit in `budget` words (at least one), so that an article ends
    near the length asked for instead of a whole article body past it."""
    parts = _SENTENCE_END.split(text)  # sentence, space, sentence, ...: the spaces keep paragraph breaks
    kept, count = [parts[0]], len(parts[0].split())
    for k in range(2, len(parts), 2):
        n = len(parts[k].split())
        if count + n > budget:
            break
        kept += [parts[k - 1], parts[k]]
        count += n
    return "".join(kept)


def build(n: int, words: int = 500, seed: int = 7, context: float = 0.0) -> list[dict]:
    """n articles of about `words` words (see `articles`)."""
    return list(articles(n, words, seed, context))


# sentences of our own that tell no event (background, figures, what analysts say), per language
BACKGROUND = json.loads((Path(__file__).resolve().parent / "background.json").read_text(encoding="utf-8"))


def articles(n: int, words: int = 500, seed: int = 7, context: float = 0.0) -> Iterator[dict]:
    """n articles of about `words` words, one at a time: paragraphs of same-language articles, names and numbers
    varied; with `context` > 0, each paragraph after the first is, with that chance, one of background sentences
    that tell no event, as most of a real article's paragraphs are (news reports many fewer events a word than
    the project's test articles do)."""
    rng = random.Random(seed)
    by_lang: dict[str, list[dict]] = {}
    for art in _articles():
        by_lang.setdefault(art["lang"], []).append(art)
    swaps = _swap_tables(rng)
    for i in range(n):
        lang = "fr" if i % 2 == 0 else "en"
        pool = by_lang[lang]
        paragraphs, count = [], 0
        while count < words:
            if paragraphs and context and rng.random() < context:  # (no draw at 0: the corpus stays as it was)
                para = " ".join(s.format(n=rng.randint(2, 9)) for s in rng.sample(BACKGROUND[lang], 3))
            else:
                art = rng.choice(pool)
                para = art["text"] if not paragraphs else _body(art)  # one headline per article, as in the news
                for name in swaps[lang]:
                    if name in para and rng.random() < 0.5:
                        para = para.replace(name, rng.choice(swaps[lang]))
                para = para.replace(" 4", f" {rng.randint(2, 99)}").replace(" 2", f" {rng.randint(2, 99)}")
            para = _cut(para, words - count) if paragraphs else para
            paragraphs.append(para)
            count += len(para.split())
        base = rng.choice(pool)
        yield {"id": f"bench-{i:06d}" if n > 99_999 else f"bench-{i:05d}", "lang": lang,
               "published": base["published"], "source": "bench", "title": paragraphs[0].split("\n")[0],
               "text": "\n\n".join(paragraphs) + f"\n\n(ref {i})"}


def write(path: Path, n: int, words: int = 500) -> list[dict]:
    """`build` n articles into a JSONL file at `path`; returns them."""
    docs = build(n, words=words)
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs) + "\n", encoding="utf-8")
    return docs


def show(report: dict, json_path: str | None, width: int = 20) -> None:
    """Print the figures one per line, and write them as JSON to `json_path` if given."""
    for key, value in report.items():
        print(f"{key:{width}} {value}")
    if json_path:
        Path(json_path).write_text(json.dumps(report, indent=2), encoding="utf-8")


class Server:
    """`depeche serve` on the database, read-only, in a process of its own."""

    def __init__(self, db: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.proc = subprocess.Popen([sys.executable, "-m", "depeche.cli", "serve", "--db", str(db), "--port",
                                      str(self.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                self.get("/api/events?limit=1")
                return
            except OSError:
                time.sleep(0.2)
        self.close()
        raise SystemExit("the server did not start")

    def get(self, path: str) -> tuple[float, int]:
        """Milliseconds to the whole answer, and its size in bytes."""
        start = time.perf_counter()
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=120) as r:
            body = r.read()
        return (time.perf_counter() - start) * 1000, len(body)

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)
