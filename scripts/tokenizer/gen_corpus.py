#!/usr/bin/env python3
"""Generates varied multilingual text samples for tokenizer parity tests.

Deterministic for a given seed. Used by make_golden.py (small checked-in fixture) and
compare_large.py (multi-megabyte throwaway parity run).

    python3 scripts/gen_corpus.py --seed 1 --bytes 100000 > samples.json
"""
import argparse
import json
import random

WORDS_EN = ("the of and to in is you that it he was for on are as with his they I at be this have from or one had by "
            "word but not what all were we when your can said there use an each which she do how their if will up other "
            "about out many then them these so some her would make like him into time has look two more write go see "
            "number no way could people my than first water been call who oil its now find long down day did get come made "
            "may part tokenizer budget context window streaming Swift Python encoding hello world").split()
CONTRACTIONS = ["don't", "DON'T", "Don'T", "I'm", "I'M", "i'M", "we'll", "WE'LL", "We'Ll", "they've", "THEY'VE",
                "you're", "YOU'RE", "it's", "IT'S", "It'S", "he'd", "HE'D", "cat's", "CAT'S", "'s", "'S", "'t", "'ll",
                "'Re", "'ve", "'M", "'d", "x'ſ", "'ſ", "Aſ'ſ", "o'clock", "rock'n'roll", "''", "'''s", "l'été",
                "L'ÉTÉ", "aujourd'hui", "’s", "don’t"]
CYRILLIC = "Съешь же ещё этих мягких французских булок, да выпей чаю. ПРИВЕТ мир! Ёжик в тумане; Україна, Ґанок, Ђорђе".split()
CJK = ["我能吞下玻璃而不伤身体。", "日本語のテキストです。", "カタカナとひらがなーー々", "漢字", "中文分词测试，数字１２３４５",
       "한국어 텍스트입니다", "안녕하세요!", "𠀀𠀁𪚥𩸽", "ｈａｌｆｗｉｄｔｈ　ｆｕｌｌｗｉｄｔｈ"]
ARABIC = ["مرحبا بالعالم", "اللُّغَةُ العَرَبِيَّةُ", "١٢٣٤٥٦٧٨٩٠", "۱۲۳۴", "שָׁלוֹם עוֹלָם", "ﷺ ﷻ"]
INDIC = ["नमस्ते दुनिया", "हिन्दी भाषा में लिखा गया पाठ", "क्षत्रिय", "१२३४५", "தமிழ் மொழி", "ভাষা", "ਪੰਜਾਬੀ", "ไทยภาษา สวัสดีครับ", "ພາສາລາວ"]
EMOJI = ["😀", "👍🏽", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇫🇷", "🇯🇵", "1️⃣", "#️⃣", "❤️", "🧑🏿‍💻", "👩‍❤️‍💋‍👨", "🫠", "🦀", "✨", "☕",
         "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "🙇‍♀️"]
CODE = [
    "def f(x):\n\treturn x ** 2  # square\n",
    "for (int i = 0; i < n; ++i) {\r\n    sum += a[i];\r\n}\r\n",
    "let tokens = try tokenizer.encode(\"hello\", allowedSpecial: .all)\n",
    "{\"key\": [1, 2, 3.14159, -42e10], \"nested\": {\"a\": null}}",
    "<div class=\"x\">&nbsp;Hello&amp;bye</div>\n",
    "SELECT id, name FROM users WHERE id IN (1,2,3) -- comment\n",
    "    if x:\n        y = x//2\n    else:\n        pass\n",
    "https://example.com/path/to/file.html?q=1&r=2#frag",
    "C:\\Windows\\System32\\drivers\\etc\\hosts",
    "x = a/b/c // d /* e */ f",
    "#!/usr/bin/env bash\nset -euo pipefail\necho \"$HOME\"/*\n",
    "fn main() { println!(\"{}\", 1_000_000u64); }",
]
COMBINING = ["e\u0301", "a\u0300\u0301\u0302", "\u0301", "n\u0303", "Z\u0351\u0352\u0353\u0354\u0355", "\u20dd", "ก\u0e31",
             "\u0915\u094d", "x\u0308\u0308\u0308", "\u093f", "A\u030a", "ǅ", "ǈ", "ǋ", "ǲ", "ᾈ", "ᾉ", "ᾼ", "ǅa", "Dǅ",
             "ʰ", "ˆ", "ˑ", "ー", "々", "ᵃᵇᶜ", "ꜟ", "ǅǅǅ", "Ⅻ", "ⅷ", "½", "²³", "①②", "𝟘𝟙", "ﬁ", "ß", "ẞ", "İ", "ı",
             "ǰ", "ŉ", "Ω", "K", "Å", "ſ", "ſt", "ﬅ"]
WHITESPACE = [" ", "  ", "   ", "\t", "\t\t", "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", " \n", "  \n  ", "\n ", " \t ", "\u00a0",
              "\u3000", "\u2028", "\u2029", "\u0085", "\u000b", "\u000c", "\u1680", "\u2003", "\u200a", "\u202f", "\u205f",
              "\u200b", "\ufeff", " " * 17, "\t \n\t ", "\n\n\n\n", " \r\n "]
PUNCT = [".", ",", "!", "?", "...", "—", "–", "-", "--", "(", ")", "[", "]", "{", "}", "\"", "'", "`", "«", "»", "“", "”",
         "’", "/", "//", "\\", "|", "@", "#", "$", "%", "^", "&", "*", "+", "=", "<", ">", "<<", ">>", "~", ";", ":",
         "¿", "¡", "•", "©", "®", "™", "€", "£", "¥", "₿", "°", "±", "×", "÷", "∑", "√", "∞", "≠", "→", "⇒", "\x00", "\x01",
         "\x7f", "\ufffd", "\ue000", "\U000f0000", "\ufdd0", "\uffff"]
SPECIALS = ["<|endoftext|>", "<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>", "<|endofprompt|>", "<|endoftext",
            "<|", "|>", "<|im_start|>"]

# Code point ranges to sample "random Unicode" from, weighted toward assigned blocks of many categories,
# including characters assigned in Unicode 15-17 (tiktoken's regex crate knows Unicode 16).
RANGES = [(0x20, 0x7e, 6), (0xa0, 0x24f, 4), (0x250, 0x36f, 3), (0x370, 0x52f, 3), (0x530, 0x8ff, 3), (0x900, 0xdff, 3),
          (0xe00, 0x109f, 2), (0x10a0, 0x1fff, 3), (0x2000, 0x2bff, 3), (0x2c00, 0x2fff, 2), (0x3000, 0x30ff, 2),
          (0x3100, 0x4dbf, 1), (0x4e00, 0x9fff, 2), (0xa000, 0xabff, 2), (0xac00, 0xd7ff, 2), (0xe000, 0xf8ff, 1),
          (0xf900, 0xfffd, 3), (0x10000, 0x1039f, 1), (0x10400, 0x10fff, 2), (0x11000, 0x11fff, 2), (0x12000, 0x1bfff, 1),
          (0x1c000, 0x1dfff, 2), (0x1e000, 0x1efff, 2), (0x1f000, 0x1faff, 3), (0x1fb00, 0x1ffff, 1),
          (0x20000, 0x323af, 1), (0x323b0, 0x3ffff, 1), (0xe0000, 0xe01ef, 1), (0xf0000, 0x10ffff, 1)]


def random_scalar(rng):
    total = sum(w for _, _, w in RANGES)
    pick = rng.uniform(0, total)
    for lo, hi, w in RANGES:
        if pick < w:
            break
        pick -= w
    while True:
        cp = rng.randint(lo, hi)
        if not 0xd800 <= cp <= 0xdfff:
            return chr(cp)


def number(rng):
    kind = rng.randrange(6)
    if kind == 0:
        return str(rng.randrange(10 ** rng.randrange(1, 12)))
    if kind == 1:
        return f"{rng.uniform(-1e6, 1e6):.{rng.randrange(0, 6)}f}"
    if kind == 2:
        return "{:,}".format(rng.randrange(10 ** 9))
    if kind == 3:
        return "".join(rng.choice("0123456789") for _ in range(rng.randrange(1, 40)))
    if kind == 4:
        return rng.choice(["١٢٣", "٤٥٦٧", "१२३", "๑๒๓", "１２３", "²", "Ⅻ", "½", "𝟗𝟘"])
    return f"{rng.randrange(2000, 2030)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}T12:00:00Z"


def fragment(rng, allow_specials):
    kind = rng.randrange(100)
    if kind < 22:
        w = rng.choice(WORDS_EN)
        r = rng.random()
        return w.upper() if r < 0.1 else w.capitalize() if r < 0.3 else w
    if kind < 30:
        return rng.choice(CONTRACTIONS)
    if kind < 36:
        return rng.choice(CYRILLIC)
    if kind < 42:
        return rng.choice(CJK)
    if kind < 46:
        return rng.choice(ARABIC)
    if kind < 50:
        return rng.choice(INDIC)
    if kind < 55:
        return rng.choice(EMOJI)
    if kind < 60:
        return rng.choice(CODE)
    if kind < 66:
        return rng.choice(COMBINING)
    if kind < 75:
        return rng.choice(WHITESPACE)
    if kind < 82:
        return rng.choice(PUNCT)
    if kind < 88:
        return number(rng)
    if kind < 96:
        return "".join(random_scalar(rng) for _ in range(rng.randrange(1, 8)))
    if kind < 98 and allow_specials:
        return rng.choice(SPECIALS)
    # short repeated runs
    return rng.choice(["a", " ", "!", "1", "é", "\n", "我", "😀", "ab", "\u0301", "ǅ", "ʰ", "\t"]) * rng.randrange(2, 40)


def sample(rng, max_fragments, allow_specials=True):
    parts = []
    for _ in range(rng.randrange(1, max_fragments)):
        parts.append(fragment(rng, allow_specials))
        r = rng.random()
        if r < 0.55:
            parts.append(" ")
        elif r < 0.62:
            parts.append(rng.choice(WHITESPACE))
    text = "".join(parts)
    # Sometimes end in whitespace (exercises \s++$ and (?!\S) at the end of the text).
    if rng.random() < 0.2:
        text += rng.choice(WHITESPACE)
    return text


def fixed_cases():
    """Hand-picked edge cases, always included first."""
    return ["", " ", "a", "hello world", "Hello, World!", "DON'T I'M WE'LL YOU'RE THEY'VE HE'D IT'S",
            "don't i'm we'll", "x'ſa 'ſ a'ſ A'S A'ſ", "  \n  ", "a  \n  ", "a  \n  b", "\n", "\r\n", " \r\n \r\n ",
            "trailing spaces   ", "trailing newline\n", "trailing mix \t\n \t", "tab\tseparated\tvalues\n",
            "1234567890", "12 345 6789", "3.14159", "ǅungla ǅUNGLA Dǅ", "ʰello ʰELLO", "e\u0301cole E\u0301COLE",
            "\u0301A", "x\u0301A", "\u0301\u0301\u0301", " \u0301a", "A\u0301b\u0301C", "日本語 テキスト",
            "👨‍👩‍👧‍👦 family", "🏳️‍🌈", "<|endoftext|>", "a<|endoftext|>b", "<|endofprompt|><|fim_prefix|>",
            "\x00\x00a\x00", "\u00a0\u00a0x", "\u3000\u3000漢字", "a/b/c\n/\n", "...\n\n", "?!\r\n\r\n",
            "𝟘𝟙𝟚𝟛", "Ⅻ ⅷ", "ａｂｃ", "ﬁﬂ", "'", "''", "'s", "'S'S'S", "a's's", "1'st", "\u2028x\u2029",
            "\u0085\u000b\u000c", "  ", " " * 100, "\t" * 50 + "x", "\n" * 30, "a" * 300, "ab" * 200, "😀" * 50,
            "é" * 200, "我" * 300, "\u0301" * 100, "1" * 100, "!" * 200, ". " * 100, "ǅ" * 60 + "a",
            "ᾈᾉᾊ ᾈa aᾈ", "ꜞꜟ", "ㆍ", "〆〇", "𐞁", "\U00010d40\U00010d41", "\U0001cc00", "\U00011b60", "\U00010940a",
            "x\U00016d40y", "\U0001e5d0\U0001e5d1"]


def generate(seed, target_bytes, max_fragments=40, include_fixed=True, allow_specials=True):
    rng = random.Random(seed)
    out = fixed_cases() if include_fixed else []
    size = sum(len(s.encode()) for s in out)
    while size < target_bytes:
        s = sample(rng, max_fragments, allow_specials)
        out.append(s)
        size += len(s.encode())
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bytes", type=int, default=100_000)
    args = ap.parse_args()
    print(json.dumps(generate(args.seed, args.bytes), ensure_ascii=False))
