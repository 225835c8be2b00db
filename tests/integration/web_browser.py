#!/usr/bin/env python3
"""The dashboard and the report in a real headless Chromium, driven over the DevTools
protocol (python3-websockets): every page loads with no console error and no failed
request, every chart drew, the numbers shown are those of `awol stats`, a filter
changes the URL and the numbers, PNG and CSV downloads work, clicking a court shows
its series and cases, a claims file is checked; the report opens with the network
off, asks nothing of it and prints to PDF.  Screenshots at 1280x800 go to SHOTS.

usage: web_browser.py AWOL DB BASE_URL REPORT.html SHOTS_DIR TMP
"""
import asyncio
import base64
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time



sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cdp import Page, chromium  # noqa: E402

AWOL, DB, BASE, REPORT, SHOTS, TMP = sys.argv[1:7]
passed = failed = 0


def check(name, cond):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", name, flush=True)


def cli_stats(*args):
    out = subprocess.run([AWOL, "stats", "--db", DB, "--format", "json"] + list(args),
                         capture_output=True, check=True).stdout
    return json.loads(out)


def number(s):
    if s in ("not collected", "не собрано"):
        return None
    s = s.replace(",", "").replace("\u00a0", "").replace(" ", "")
    return int(s) if s else None


async def page_ok(p, name, state):
    check("%s: ready (%s)" % (name, state), state == "1")
    check("%s: no console error %s" % (name, p.errors[:3]), not p.errors)
    check("%s: no failed request %s" % (name, p.failed[:3]), not p.failed)
    cs = await p.canvases()
    check("%s: has charts" % name, len(cs) > 0 or name.startswith("claims"))
    for cid, drawn in cs:
        check("%s: chart %s drew" % (name, cid), drawn)


async def downloads(p, dl, card, want_rows):
    for f in os.listdir(dl):
        os.remove(os.path.join(dl, f))
    await p.js("document.querySelector('[data-csv=\"%s\"]').click()" % card)
    has_png = await p.js("!!document.querySelector('[data-png=\"%s\"]')" % card)
    if has_png:
        await p.js("document.querySelector('[data-png=\"%s\"]').click()" % card)
    end = time.time() + 10
    while time.time() < end:
        names = [f for f in os.listdir(dl) if not f.endswith(".crdownload")]
        if len(names) >= (2 if has_png else 1):
            break
        await asyncio.sleep(0.1)
    csvf = os.path.join(dl, "awol-%s.csv" % card)
    check("%s: CSV downloaded" % card, os.path.exists(csvf))
    if os.path.exists(csvf):
        text = open(csvf, encoding="utf-8").read()
        check("%s: CSV says simulated" % card, text.startswith("# SIMULATED DATA"))
        rows = list(csv.reader(io.StringIO("\n".join(l for l in text.splitlines() if not l.startswith("#")))))
        check("%s: CSV has the table's rows" % card, len(rows) - 1 == want_rows)
    if has_png:
        pngf = os.path.join(dl, "awol-%s.png" % card)
        check("%s: PNG downloaded" % card, os.path.exists(pngf) and open(pngf, "rb").read(8) == b"\x89PNG\r\n\x1a\n")


async def dashboard(p, dl):
    await p.cmd("Browser.setDownloadBehavior", behavior="allow", downloadPath=dl)
    # overview: the numbers are those of awol stats for the same filters
    url = BASE + "/?lang=en&article=337,338&by=month"
    state = await p.open(url)
    await page_ok(p, "overview", state)
    await p.shot("overview", SHOTS)
    want = cli_stats("--by", "month", "--article", "337,338")
    rows = (await p.table("growth"))[1:]
    check("overview: one row a period", len(rows) == len(want["rows"]))
    check("overview: counts = awol stats", [(r[0], number(r[1])) for r in rows] ==
          [(r["period"], r["count"]) for r in want["rows"]])
    wa = cli_stats("--by", "month", "--article", "337,338", "--group", "article")
    t = await p.table("by-article")
    head, body = t[0], t[1:]
    shown = {}
    for r in body:
        for g, v in zip(head[1:], r[1:]):
            if v != "":
                shown[(r[0], "(total)" if g.startswith("all cases") else g)] = number(v)
    check("overview: by-article table = awol stats --group article",
          shown == {(r["period"], r["group"]): r["count"] for r in wa["rows"]})
    check("overview: simulated banner", "SIMULATED" in (await p.js("document.getElementById('banner').textContent")))
    await downloads(p, dl, "by-article", len(body))
    # a filter changes the URL and the numbers
    await p.js("""(function () { var f = document.getElementById('filters');
        f.elements.article.value = '337'; f.elements.by.value = 'quarter';
        f.dispatchEvent(new Event('submit', {cancelable: true})); })()""")
    await asyncio.sleep(0.2)
    state = await p.ready()
    href = await p.js("location.href")
    check("filter: URL has article=337 and by=quarter", "article=337&" in href + "&" and "by=quarter" in href)
    want = cli_stats("--by", "quarter", "--article", "337")
    rows = (await p.table("growth"))[1:]
    check("filter: counts = awol stats --by quarter --article 337",
          [(r[0], number(r[1])) for r in rows] == [(r["period"], r["count"]) for r in want["rows"]])
    # cumulative since a date: each point an awol stats total
    state = await p.open(BASE + "/?lang=ru&article=337&since=2023-06-01")
    await page_ok(p, "overview-ru-cumulative", state)
    cum = (await p.table("cumulative"))[1:]
    check("cumulative: points", len(cum) > 3)
    for end, n, _, _ in cum[:3]:
        check("cumulative %s = awol stats total" % end,
              number(n) == cli_stats("--article", "337", "--from", "2023-06-01", "--to", end)["total"])
    check("russian page", (await p.js("document.documentElement.lang")) == "ru")
    # since the mobilisation: figures published for that start are markers beside our count
    state = await p.open(BASE + "/?lang=en&article=337&since=2022-09-21")
    await page_ok(p, "overview-since-mobilisation", state)
    cum = (await p.table("cumulative"))[1:]
    marked = [r for r in cum if r[2]]
    check("cumulative: published figures marked", len(marked) >= 2)
    for end, n, pub, src in marked[:3]:
        check("cumulative %s = awol stats total (marker)" % end,
              number(re.sub(r"^≥ | \(lower bound\)$", "", n)) ==
              cli_stats("--article", "337", "--from", "2022-09-21", "--to", end)["total"])
    # courts: ranked, map, a click shows the court's series and cases
    state = await p.open(BASE + "/courts?lang=en&article=337,338")
    await page_ok(p, "courts", state)
    await p.shot("courts", SHOTS)
    ranked = (await p.table("courts-rank"))[1:]
    year = cli_stats("--by", "year", "--article", "337,338")["rows"][-1]["period"]
    want = cli_stats("--by", "year", "--group", "court", "--article", "337,338",
                     "--from", year + "-01-01", "--to", year + "-12-31")
    cli_rank = {r["group"]: r["count"] for r in want["rows"] if r["group"] != "(total)"}
    check("courts: ranking = awol stats --group court", {r[0]: number(r[2]) for r in ranked} == cli_rank)
    tiles = await p.js("document.querySelectorAll('[data-map=regions] .tile').length")
    check("courts: tile map drawn", tiles > 80)
    await p.js("document.querySelector('[data-table=\"courts-rank\"] tr.click').click()")
    await asyncio.sleep(0.2)
    await p.ready()
    for _ in range(50):
        if await p.js("!!document.querySelector('[data-table=\"court-cases\"]')"):
            break
        await asyncio.sleep(0.1)
    href = await p.js("location.href")
    check("court click: URL names the court", "court=" + ranked[0][0].split()[0] in href)
    code = ranked[0][0].split()[0]
    shown = [r[0] for r in (await p.table("court-cases"))[1:]]
    want_cases = json.loads(subprocess.run([AWOL, "cases", "--db", DB, "--court", code, "--article", "337,338",
                                            "--format", "json"], capture_output=True, check=True).stdout)
    check("court click: the cases are awol cases --court", shown and shown == [c["number"] for c in want_cases["rows"]][:200])
    check("court click: series drawn", dict(await p.canvases()).get("court-series") is True)
    # the court's series is `awol stats --court CODE --by month`, period by period
    series = await p.table("court-series")
    want_series = cli_stats("--by", "month", "--court", code, "--article", "337,338")
    check("court click: series = awol stats --court", series[1:] and
          [r[0] for r in series[1:]] == [r["period"] for r in want_series["rows"]])
    # each case links to its card on the court's site, in a new tab, without an opener
    links = await p.js("Array.from(document.querySelectorAll('[data-table=\"court-cases\"] tr td:first-child a'))"
                       ".map(a => [a.textContent, a.getAttribute('href'), a.target, a.rel])")
    by_number = {c["number"]: c["url"] for c in want_cases["rows"]}
    check("court click: every case links to its card (awol cases url)",
          links and len(links) == len(shown) and all(by_number[n] == h for n, h, _, _ in links))
    check("court click: links to the court's site, new tab, noopener",
          all(re.match(r"^https?://[^/]*sudrf\.ru/", h) and t == "_blank" and "noopener" in r for _, h, t, r in links))
    await p.shot("court", SHOTS)
    # outcomes: the sentence shares and the terms read from the verdict texts are the rows of
    # awol stats --unit defendants --group sentence --share / --what terms (the same filters)
    state = await p.open(BASE + "/outcomes?lang=en")
    await page_ok(p, "outcomes", state)
    await p.shot("outcomes", SHOTS)
    await readings(p, "outcomes", ["--article", "337,338"])
    await p.js("document.getElementById('sentences').scrollIntoView()")
    await p.shot("outcomes-sentences", SHOTS)
    # claims: a claims file pasted is checked in memory
    state = await p.open(BASE + "/claims?lang=en")
    await page_ok(p, "claims", state)
    await p.shot("compare", SHOTS)
    # the compare card: a lower bound of ours is shown as one, never with a difference
    cmp_rows = (await p.table("compare"))[1:]
    cmp_cli = json.loads(subprocess.run([AWOL, "stats", "--db", DB, "--compare", "--article", "337,338", "--format", "json"],
                                        capture_output=True, check=True).stdout)["compare"]
    check("compare: one row a figure of awol stats --compare", len(cmp_rows) == len(cmp_cli) > 0)
    check("compare: lower bounds marked, no difference",
          all(("≥" in r[6]) == (c["lower_bound"] and c["ours"] is not None) and (r[7] == "") == (c["difference"] is None)
              for r, c in zip(cmp_rows, cmp_cli)))
    claims = open(os.path.join(os.environ["AWOL_SOURCE_ROOT"], "examples", "seed-article-claims.yaml"), encoding="utf-8").read()
    await p.js("document.querySelector('#check textarea').value = %s; document.getElementById('check-run').click()" % json.dumps(claims))
    for _ in range(100):
        if await p.js("!!document.querySelector('[data-table=\"verdicts-table\"]')"):
            break
        await asyncio.sleep(0.1)
    verdicts = (await p.table("verdicts-table"))[1:]
    check("claims: verdicts shown", len(verdicts) >= 3 and all(v[1] for v in verdicts))
    check("claims: no error", not p.errors and not p.failed)
    await p.js("document.getElementById('check').scrollIntoView()")
    await p.shot("claims", SHOTS)


async def readings(p, name, args):
    want = cli_stats("--unit", "defendants", "--group", "sentence", "--share", "--by", "year", *args)
    check("%s: texts were read (the crawl took --acts)" % name, len(want["rows"]) > 3)
    check("%s: sentence and term charts drew" % name,
          {k: v for k, v in await p.canvases() if k in ("sentences", "terms")} == {"sentences": True, "terms": True})
    shown = [(r[0].rstrip("*"), r[1], number(r[2]), number(r[3]), r[4], r[5]) for r in (await p.table("sentences"))[1:]]
    check("%s: sentence shares = awol stats --group sentence --share --by year" % name,
          shown == [(r["period"], r["value"], r["count"], r["base"], "%.1f%%" % (100 * r["share"]), r["of"]) for r in want["rows"]])
    note = await p.js("document.querySelector('#sentences .note').textContent")
    check("%s: each year's base stated" % name,
          all(("%s: %s convicted" % (r["period"], "{:,}".format(r["base"]))) in note for r in want["rows"]))
    terms = cli_stats("--what", "terms", "--group", "sentence", *args)["rows"]
    shown = [(r[0],) + tuple(number(x) for x in r[1:]) for r in (await p.table("terms"))[1:]]
    check("%s: terms = awol stats --what terms --group sentence" % name,
          shown == [(r["group"], r["terms"], r["unread"], r["min"], r["q1"], r["median"], r["q3"], r["max"]) for r in terms])


async def report(p):
    await p.cmd("Network.emulateNetworkConditions", offline=True, latency=0, downloadThroughput=-1, uploadThroughput=-1)
    state = await p.open("file://" + os.path.abspath(REPORT))
    await page_ok(p, "report", state)
    outside = [u for u in p.requests if not re.match(r"^(file|data|blob):", u)]
    check("report: asks nothing of the network %s" % outside[:3], not outside)
    html = open(REPORT, encoding="utf-8").read()
    check("report: no external script or style", not re.search(r"<(script|link)[^>]+(src|href)=\"?https?:", html))
    want = cli_stats("--by", "month")
    rows = (await p.table("growth"))[1:]
    check("report: counts = awol stats", [(r[0], number(r[1])) for r in rows] == [(r["period"], r["count"]) for r in want["rows"]])
    check("report: methodology", await p.js("!!document.getElementById('method')"))
    # the cumulative count since the mobilisation (the default), the published "since
    # mobilisation" figures as markers, the numbers as a table
    cum = (await p.table("cumulative"))[1:]
    check("report: cumulative table", len(cum) > 3)
    check("report: cumulative chart drawn", dict(await p.canvases()).get("cumulative") is True)
    for end, n, _, _ in cum[:2] + cum[-1:]:
        want = cli_stats("--from", "2022-09-21", "--to", end)
        shown = re.sub(r"^≥ | \(lower bound\)$", "", n)
        check("report: cumulative %s = awol stats --from 2022-09-21 total" % end,
              number(shown) == want["total"])
        check("report: cumulative %s a lower bound exactly when awol stats says so" % end,
              (shown != n) == bool(want["lower_bound"] or any(r["collected"] is False for r in want["rows"])))
    check("report: a point past the collected days is a lower bound",
          any(n.startswith("≥") for _, n, _, _ in cum))
    check("report: published figures marked", any(r[2] for r in cum))
    await p.js("document.getElementById('cumulative').scrollIntoView()")
    await p.shot("report-cumulative", SHOTS)
    figs = json.loads(subprocess.run([AWOL, "figures", "list", "--format", "json"], capture_output=True, check=True).stdout)
    figs = figs["rows"] if isinstance(figs, dict) else figs
    sources = {f["url"] for f in figs}
    hrefs = await p.js("Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))")
    other = [h for h in hrefs if h not in sources and not re.match(r"^https?://[^/]*sudrf\.ru/", h)]
    check("report: links only to sources and court sites %s" % other[:3], hrefs and not other)
    check("report: coverage table", len(await p.table("coverage")) > 10)
    await readings(p, "report", [])
    await p.shot("report", SHOTS)
    await p.js("document.getElementById('sentences').scrollIntoView()")
    await p.shot("report-sentences", SHOTS)
    await p.js("window.scrollTo(0, 0)")
    pdf = await p.cmd("Page.printToPDF", printBackground=True)
    data = base64.b64decode(pdf["data"])
    check("report: prints to PDF", data[:5] == b"%PDF-" and len(data) > 10000)
    with open(os.path.join(SHOTS, "report.pdf"), "wb") as f:
        f.write(data)
    await p.cmd("Network.emulateNetworkConditions", offline=False, latency=0, downloadThroughput=-1, uploadThroughput=-1)


async def main():
    dl = tempfile.mkdtemp(dir=TMP)
    async with chromium(TMP) as p:
        await dashboard(p, dl)
        await report(p)
    print("web_browser: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


sys.exit(asyncio.run(main()))
