#!/usr/bin/env python3
"""Synthetic UT1 (squidGuard) category lists for the category-index benchmarks of issue #3.

    perf/categories/generate-domains.py --count 1000000 --out perf/out/categories/1m [--seed 3] [--queries FILE]

Writes <out>/<category>/domains and <out>/<category>/urls like UT1's blacklists: one entry a line, lower-case,
sorted (bytewise), de-duplicated, and minimised per category (no domain whose parent domain is also listed in
the same category, as UT1 ships them). Deterministic: the same --seed and --count give the same bytes. Python 3
standard library only. 1M domains take about 15 s, 5M about 80 s.

The model (numbers are the generator's targets; the script prints what it produced on stderr):

- Categories and their share of the domains, like UT1 where adult dominates: adult 87 %, gambling 4 %, warez 3 %,
  agressif 2 %, chat 2 %, mixed_adult 1 %, hacking 0.8 %, arjel 0.2 %. Each domain is in exactly one category.
  (Every category the shipped sample lists have is present: `webproxy categories update` refuses a source that
  would empty a category the running index has.)
- ~1 % of the entries are IPv4 literals (UT1 lists a few hundred thousand bare addresses in adult): random
  public-looking addresses (first octet 1-223, not 10/127).
- The other entries are host names: a registrable part (one label) plus a public suffix, with 0-2 more labels in
  front, so 1-3 labels before the suffix: 1 label 72 %, 2 labels 21 %, 3 labels 7 %.
- Suffixes (weights, per cent): com 45, net 6, org 5, de 5, ru 4, fr 3, info 3, nl 2, xyz 2, it 2, co.uk 2,
  com.br 1.5, es 1.5, pl 1.5, and about 14 % spread over ~30 other country codes and gTLDs
  (jp, cn, in, br, io, tk, biz, online, top, be, ch, ca, eu, us, cz, ro, ua, site, club, hu, com.au, co.jp, co.za,
  com.tr, com.mx, ...). About 11 % of the suffixes are two-level (co.uk, com.br, com.au, ...).
- Label lengths: the registrable label's length is log-normal with mean ~10 characters (mu 2.2, sigma 0.45),
  clipped to 1..63; real registrable labels have a median near 9 and a long tail. Labels are made of
  consonant-vowel syllables (pronounceable, like brand names and word concatenations), cut to the length.
  12 % of labels get digits (a run of 1-4 digits at the end or start), 10 % of labels of 5+ characters get a
  hyphen between two parts. Labels in front of the registrable part are common sub-domain labels (www, m, cdn,
  img, static, mail, blog, shop, fr, en, ...) 60 % of the time, otherwise a shorter random label (mean ~6).
  Resulting mean host length ~15 characters.
- urls: --urls (default 3000) entries host/path in the adult category (hosts from the same model, often with www.,
  which the loader strips), paths of 1-3 segments, sometimes with a file name.
- --queries FILE writes a lookup sample for the benchmarks, one "kind<TAB>host<TAB>path" a line, 4096 of each
  kind: hit-exact (a listed domain or address), hit-sub (a new subdomain of a listed domain: www., m., cdn., a
  random label), miss (a host from the same model but not listed and with no listed parent; with www. half of the
  time) and url-hit (a listed urls entry, host and path). The misses never come from the listed set, so they are
  what most real traffic looks like: every parent suffix is probed and none matches.
"""

import argparse
import math
import os
import random
import sys

CATEGORIES = [("adult", 0.87), ("gambling", 0.04), ("warez", 0.03), ("agressif", 0.02), ("chat", 0.02),
              ("mixed_adult", 0.01), ("hacking", 0.008), ("arjel", 0.002)]

SUFFIXES = [
    ("com", 45), ("net", 6), ("org", 5), ("de", 5), ("ru", 4), ("fr", 3), ("info", 3), ("nl", 2), ("xyz", 2),
    ("it", 2), ("co.uk", 2), ("com.br", 1.5), ("es", 1.5), ("pl", 1.5), ("jp", 1), ("cn", 1), ("in", 1),
    ("br", 0.8), ("io", 0.8), ("tk", 0.8), ("biz", 0.8), ("online", 0.7), ("top", 0.7), ("be", 0.7), ("ch", 0.7),
    ("ca", 0.7), ("eu", 0.5), ("us", 0.5), ("cz", 0.5), ("ro", 0.5), ("ua", 0.5), ("site", 0.5), ("club", 0.5),
    ("hu", 0.3), ("se", 0.4), ("dk", 0.3), ("at", 0.4), ("gr", 0.3), ("pt", 0.3), ("tv", 0.4), ("me", 0.4),
    ("cc", 0.3), ("ws", 0.2), ("to", 0.2), ("su", 0.2), ("kr", 0.2), ("com.au", 0.5), ("co.jp", 0.3),
    ("co.za", 0.3), ("com.tr", 0.3), ("com.mx", 0.3), ("com.ar", 0.2), ("com.cn", 0.2), ("co.in", 0.2),
    ("org.uk", 0.2), ("net.br", 0.1), ("com.pl", 0.1), ("co.nz", 0.1), ("com.ua", 0.1), ("com.ru", 0.1),
]

SUB_LABELS = ["www", "m", "cdn", "img", "static", "mail", "blog", "shop", "fr", "en", "de", "forum", "video",
              "images", "media", "api", "news", "app", "live", "chat", "store", "ww2", "web", "mobile", "pics",
              "free", "hot", "my", "vip", "tube", "galleries", "members", "secure", "login", "www2", "s1", "cams"]

CONSONANTS = "bcdfghjklmnprstvwxyz"
CONSONANT_WEIGHTS = [2, 3, 4, 2, 2, 2, 1, 1, 4, 4, 4, 2, 5, 5, 6, 1, 1, 1, 1, 1]
VOWELS = "aeiou"
VOWEL_WEIGHTS = [8, 10, 7, 7, 3]
DIGITS = "0123456789"


class Model:
    def __init__(self, rng):
        self.rng = rng
        total = sum(w for _, w in SUFFIXES)
        self.suffixes = [s for s, _ in SUFFIXES]
        self.suffix_cum = []
        acc = 0.0
        for _, w in SUFFIXES:
            acc += w / total
            self.suffix_cum.append(acc)
        # Syllables with their weights, precomputed once: choices() over 100 items is cheaper than 2 draws.
        syllables, weights = [], []
        for c, cw in zip(CONSONANTS, CONSONANT_WEIGHTS):
            for v, vw in zip(VOWELS, VOWEL_WEIGHTS):
                syllables.append(c + v)
                weights.append(cw * vw)
        for v, vw in zip(VOWELS, VOWEL_WEIGHTS):
            syllables.append(v)
            weights.append(vw * 2)
        self.syllables = syllables
        self.syllable_cum = []
        acc = 0
        for w in weights:
            acc += w
            self.syllable_cum.append(acc)

    def suffix(self):
        r = self.rng.random()
        lo, hi = 0, len(self.suffix_cum) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if self.suffix_cum[mid] < r:
                lo = mid + 1
            else:
                hi = mid
        return self.suffixes[lo]

    def word(self, length):
        parts = self.rng.choices(self.syllables, cum_weights=self.syllable_cum, k=length // 2 + 1)
        return "".join(parts)[:length]

    def label(self, mu=2.2, sigma=0.45):
        rng = self.rng
        length = int(round(rng.lognormvariate(mu, sigma)))
        length = max(1, min(63, length))
        r = rng.random()
        if r < 0.12 and length >= 2:
            digits = min(length - 1, rng.choice((1, 1, 2, 2, 2, 3, 4)))
            number = "".join(rng.choices(DIGITS, k=digits))
            word = self.word(length - digits)
            return word + number if rng.random() < 0.8 else number + word
        if r < 0.22 and length >= 5:
            cut = rng.randint(2, length - 3)
            return self.word(cut) + "-" + self.word(length - cut - 1)
        return self.word(length)

    def ipv4(self):
        rng = self.rng
        while True:
            first = rng.randint(1, 223)
            if first not in (10, 127):
                return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"

    def sub_label(self):
        if self.rng.random() < 0.6:
            return self.rng.choice(SUB_LABELS)
        return self.label(mu=1.7, sigma=0.5)

    def host(self):
        """A host name: 1-3 labels before the public suffix."""
        r = self.rng.random()
        extra = 0 if r < 0.72 else (1 if r < 0.93 else 2)
        labels = [self.sub_label() for _ in range(extra)]
        labels.append(self.label())
        return ".".join(labels) + "." + self.suffix()

    def entry(self):
        return self.ipv4() if self.rng.random() < 0.01 else self.host()


def parents(name):
    """Every proper parent suffix of a host name (none for an address)."""
    if name[0].isdigit() and name.replace(".", "").isdigit():
        return
    dot = name.find(".")
    while dot >= 0:
        rest = name[dot + 1:]
        if "." not in rest:
            return  # never a bare TLD
        yield rest
        dot = name.find(".", dot + 1)


def is_address(name):
    return name.replace(".", "").isdigit()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1_000_000, help="number of domain entries (all categories)")
    parser.add_argument("--out", required=True, help="output folder (UT1 layout: <out>/<category>/domains)")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--urls", type=int, default=3000, help="number of urls entries (adult/urls)")
    parser.add_argument("--queries", help="also write a lookup sample (TSV) to this file")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    model = Model(rng)
    names = [c for c, _ in CATEGORIES]
    cum, acc = [], 0.0
    for _, share in CATEGORIES:
        acc += share
        cum.append(acc)

    # One set of all entries (any category) and one of all their parents, so minimisation is O(labels):
    # a new name is refused when it is listed, when a parent is listed, or when it is a parent of a listed name.
    listed = {}
    parent_of_listed = set()
    while len(listed) < args.count:
        name = model.entry()
        if name in listed or name in parent_of_listed or any(p in listed for p in parents(name)):
            continue
        r = rng.random()
        category = names[-1]
        for n, c in zip(names, cum):
            if r < c:
                category = n
                break
        listed[name] = category
        parent_of_listed.update(parents(name))

    by_category = {n: [] for n in names}
    for name, category in listed.items():
        by_category[category].append(name)

    urls = set()
    while len(urls) < args.urls:
        host = model.host()
        if rng.random() < 0.5 and not host.startswith("www."):
            host = "www." + host
        segments = [model.label(mu=1.9, sigma=0.5) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.3:
            segments[-1] += rng.choice((".html", ".php", ".htm", ".jpg"))
        urls.add(host + "/" + "/".join(segments))

    for category in names:
        folder = os.path.join(args.out, category)
        os.makedirs(folder, exist_ok=True)
        entries = sorted(by_category[category])
        with open(os.path.join(folder, "domains"), "w", encoding="ascii", newline="\n") as f:
            f.write("\n".join(entries))
            f.write("\n")
        url_path = os.path.join(folder, "urls")
        if category == "adult":
            with open(url_path, "w", encoding="ascii", newline="\n") as f:
                f.write("\n".join(sorted(urls)))
                f.write("\n")
        elif os.path.exists(url_path):
            os.remove(url_path)

    hosts = [n for n in listed if not is_address(n)]
    lengths = [len(n) for n in listed]
    labels = [len(label) for n in hosts for label in n.split(".")]
    print(f"generate-domains: {len(listed)} domains ({sum(1 for n in listed if is_address(n))} IPv4) in "
          f"{len(names)} categories, {len(urls)} urls; mean entry length {sum(lengths) / len(lengths):.1f}, "
          f"mean label length {sum(labels) / len(labels):.1f}, max label {max(labels)}, "
          f".com {sum(1 for n in hosts if n.endswith('.com')) / len(hosts):.1%}", file=sys.stderr)

    if args.queries:
        qrng = random.Random(args.seed + 1)
        qmodel = Model(qrng)
        listed_list = sorted(listed)
        per_kind = 4096
        lines = []
        for _ in range(per_kind):
            lines.append(("hit-exact", qrng.choice(listed_list), "/"))
        host_list = sorted(hosts)
        for _ in range(per_kind):
            parent = qrng.choice(host_list)
            lines.append(("hit-sub", qmodel.sub_label() + "." + parent, "/"))
        count = 0
        while count < per_kind:
            host = qmodel.host()
            if host in listed or any(p in listed for p in parents(host)):
                continue
            if qrng.random() < 0.5 and not host.startswith("www."):
                host = "www." + host
            path = "/" + "/".join(qmodel.label(mu=1.9, sigma=0.5) for _ in range(qrng.randint(0, 3)))
            lines.append(("miss", host, path))
            count += 1
        url_list = sorted(urls)
        for _ in range(per_kind):
            url = qrng.choice(url_list)
            host, _, path = url.partition("/")
            lines.append(("url-hit", host, "/" + path + ("?id=" + str(qrng.randint(1, 9999)) if qrng.random() < 0.3 else "")))
        qrng.shuffle(lines)
        os.makedirs(os.path.dirname(os.path.abspath(args.queries)), exist_ok=True)
        with open(args.queries, "w", encoding="ascii", newline="\n") as f:
            for kind, host, path in lines:
                f.write(f"{kind}\t{host}\t{path}\n")


if __name__ == "__main__":
    main()
