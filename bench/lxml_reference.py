#!/usr/bin/env python3
"""Reference extraction of the same fields with lxml, for bench/run_parse_bench.sh.

Decodes (UTF-8 if valid, else windows-1251), parses with lxml.html, classifies
the page kind and extracts what awol extracts: card fields by row label,
defendants with articles (regex), events, parties; listing rows, counter and
next link; captcha id and image.  Same loop as bench_parse.c.

usage: lxml_reference.py DIR ROUNDS   (run with Debian's /usr/bin/python3)
"""
import os
import re
import resource
import sys
import time

import lxml.html

ART = re.compile(r"ст\.?\s*(\d+(?:\.\d+)*)(?:\s*ч\.?\s*(\d+(?:\.\d+)?))?(?:\s*п\.?\s*[«\"]?([а-я]))?",
                 re.I)
DATE = re.compile(r"(\d\d)\.(\d\d)\.(\d{4})")


def text(el):
    return " ".join(el.text_content().split())


def iso(s):
    m = DATE.search(s or "")
    return "%s-%s-%s" % (m.group(3), m.group(2), m.group(1)) if m else None


def table_rows(table):
    return [[text(c) for c in tr.xpath("./td|./th")] for tr in table.xpath(".//tr")]


def parse(raw):
    try:
        s = raw.decode("utf-8")
    except UnicodeDecodeError:
        s = raw.decode("cp1251", "replace")
    doc = lxml.html.document_fromstring(s)
    out = {"kind": "unknown", "persons": [], "events": [], "parties": [], "rows": []}
    cn = doc.xpath("//div[contains(@class,'casenumber')]|//div[contains(@class,'case-num')]")
    if cn:
        out["kind"] = "card"
        out["number"] = text(cn[0]).split("№")[-1].strip()
        for li in doc.xpath("//ul[contains(@class,'tabs')]/li|//ul[@id='case_bookmarks']/li"):
            label = text(li).upper()
            lid = li.get("id", "")
            cid = "cont" + lid[3:] if lid.startswith("tab") and not lid.startswith("tab_") \
                else "tab_content_" + lid[7:]
            cont = doc.xpath("//div[@id=$c]", c=cid)
            if not cont:
                continue
            tables = cont[0].xpath(".//table")
            if not tables:
                continue
            rows = table_rows(tables[0])
            if "ДЕЛО" in label and "ДВИЖ" not in label:
                for r in rows:
                    if len(r) >= 2:
                        if "Дата поступления" in r[0]:
                            out["received"] = iso(r[1])
                        elif "Дата рассмотрения" in r[0]:
                            out["decided"] = iso(r[1])
                        elif "Судья" in r[0] or "судья" in r[0]:
                            out["judge"] = r[1]
                        elif "идентификатор" in r[0]:
                            out["uid"] = r[1]
                        elif "Результат" in r[0]:
                            out["result"] = r[1]
            elif "ДВИЖ" in label:
                out["events"] = [{"name": r[0], "date": iso(r[1])} for r in rows[2:] if len(r) > 2]
            elif "ЛИЦА" in label:
                out["persons"] = [{"name": r[0], "articles": ART.findall(r[1])}
                                  for r in rows[2:] if len(r) > 2]
            elif "СТОРОНЫ" in label:
                out["parties"] = [(r[0], r[1]) for r in rows[2:] if len(r) > 1]
        return out
    if "Всего по запросу найдено" in s:
        out["kind"] = "listing"
        m = re.search(r"найдено\D*(\d+)", s)
        out["total"] = int(m.group(1)) if m else None
        t = doc.xpath("//table[@id='tablcont']|//div[@id='resultTable']//table")
        if t:
            for tr in t[0].xpath(".//tr")[1:]:
                cells = tr.xpath("./td")
                if len(cells) < 6:
                    continue
                a = cells[0].xpath(".//a/@href")
                out["rows"].append({"number": text(cells[0]), "url": a[0] if a else None,
                                    "received": iso(text(cells[1])), "text": text(cells[2]),
                                    "judge": text(cells[3]), "decided": iso(text(cells[4])),
                                    "result": text(cells[5])})
        nx = doc.xpath("//a[@title='Следующая страница']/@href")
        out["next"] = nx[0] if nx else None
        return out
    if "проверочный код" in s or doc.xpath("//input[@id='captcha']"):
        out["kind"] = "captcha"
        cid = doc.xpath("//input[@name='captchaid']/@value")
        img = doc.xpath("//img[starts-with(@src,'data:')]/@src")
        out["captcha"] = (cid[0] if cid else None, img[0].split(",")[-1].strip() if img else None)
    elif "Данных по запросу не обнаружено" in s:
        out["kind"] = "empty"
    elif "временно недоступна" in s:
        out["kind"] = "unavailable"
    elif "несколько серверов" in s:
        out["kind"] = "chooser"
    return out


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/sudrf"
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    docs = [open(os.path.join(d, f), "rb").read() for f in sorted(os.listdir(d))
            if f.endswith(".html")]
    for raw in docs:
        parse(raw)
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.monotonic()
    pages = 0
    nbytes = 0
    for _ in range(rounds):
        for raw in docs:
            parse(raw)
            pages += 1
            nbytes += len(raw)
    dt = time.monotonic() - t0
    print("lxml   : %d pages (%d files x %d rounds), %.1f MB in %.2f s: %.0f pages/s, %.1f MB/s; "
          "peak RSS %d KB after 1x, %d KB after %dx" % (
              pages, len(docs), rounds, nbytes / 1e6, dt, pages / dt, nbytes / 1e6 / dt, rss1,
              resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, rounds + 1))


if __name__ == "__main__":
    main()
