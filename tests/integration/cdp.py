"""A small client of Chromium's DevTools protocol (python3-websockets): one headless
tab, its commands, and the console errors and failed requests it saw.  Used by
web_browser.py (tests) and bench/bench_serve.sh (page ready times)."""
import asyncio
import base64
import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request

import websockets


class Page:
    """One tab: commands, and the errors and failed requests seen since reset()."""

    def __init__(self, ws):
        self.ws, self.n, self.waiting = ws, 0, {}
        self.errors, self.failed, self.requests = [], [], []

    async def reader(self):
        async for msg in self.ws:
            m = json.loads(msg)
            if "id" in m:
                fut = self.waiting.pop(m["id"], None)
                if fut:
                    fut.set_result(m)
                continue
            meth, p = m.get("method"), m.get("params", {})
            if meth == "Runtime.consoleAPICalled" and p["type"] in ("error", "assert"):
                self.errors.append("console: " + " ".join(str(a.get("value", a.get("description"))) for a in p["args"]))
            elif meth == "Runtime.exceptionThrown":
                self.errors.append("exception: " + json.dumps(p["exceptionDetails"])[:300])
            elif meth == "Log.entryAdded" and p["entry"]["level"] == "error":
                self.errors.append("log: " + p["entry"]["text"])
            elif meth == "Network.loadingFailed" and not p.get("canceled"):
                self.failed.append(p.get("errorText"))
            elif meth == "Network.responseReceived" and p["response"]["status"] >= 400:
                self.failed.append("%s %s" % (p["response"]["status"], p["response"]["url"]))
            elif meth == "Network.requestWillBeSent":
                self.requests.append(p["request"]["url"])

    async def cmd(self, method, **params):
        self.n += 1
        fut = asyncio.get_running_loop().create_future()
        self.waiting[self.n] = fut
        await self.ws.send(json.dumps({"id": self.n, "method": method, "params": params}))
        m = await asyncio.wait_for(fut, 60)
        if "error" in m:
            raise RuntimeError("%s: %s" % (method, m["error"]))
        return m["result"]

    async def js(self, expr):
        r = await self.cmd("Runtime.evaluate", expression=expr, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError("%s: %s" % (expr[:80], r["exceptionDetails"]))
        return r["result"].get("value")

    def reset(self):
        self.errors, self.failed, self.requests = [], [], []

    async def ready(self, timeout=20):
        end = time.time() + timeout
        while time.time() < end:
            v = await self.js("document.body && document.body.getAttribute('data-ready')")
            if v:
                return v
            await asyncio.sleep(0.1)
        return None

    async def open(self, url):
        self.reset()
        await self.js("document.body && document.body.removeAttribute('data-ready')")
        await self.cmd("Page.navigate", url=url)
        await asyncio.sleep(0.2)
        return await self.ready()

    async def shot(self, name, shots):
        r = await self.cmd("Page.captureScreenshot", format="png")
        os.makedirs(shots, exist_ok=True)
        with open(os.path.join(shots, name + ".png"), "wb") as f:
            f.write(base64.b64decode(r["data"]))

    async def canvases(self):
        """Per chart: whether its canvas has more than one colour (something drew)."""
        return await self.js("""Array.from(document.querySelectorAll('canvas')).map(function (c) {
            var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, seen = {}, n = 0;
            for (var i = 0; i < d.length; i += 4 * 97) { var k = d[i] + ',' + d[i+1] + ',' + d[i+2] + ',' + d[i+3]; if (!seen[k]) { seen[k] = 1; n++; } }
            return [c.getAttribute('data-chart'), c.width > 0 && n > 2];
        })""")

    async def table(self, id):
        return await self.js("""Array.from(document.querySelectorAll('[data-table="%s"] tr')).map(function (tr) {
            return Array.from(tr.children).map(function (td) { return td.textContent; }); })""" % id)



@contextlib.asynccontextmanager
async def chromium(tmp):
    """A headless Chromium with one 1280x800 tab, yielded as a Page; stopped after."""
    prof = tempfile.mkdtemp(dir=tmp)
    exe = shutil.which("chromium") or "/usr/bin/chromium"
    proc = subprocess.Popen([exe, "--headless=new", "--no-sandbox", "--disable-gpu",
                             "--remote-debugging-port=0", "--user-data-dir=" + prof,
                             "--no-first-run", "--disable-extensions", "--window-size=1280,800",
                             "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = os.path.join(prof, "DevToolsActivePort")
        for _ in range(400):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.05)
        port = open(port_file).read().split()[0]
        targets = json.load(urllib.request.urlopen("http://127.0.0.1:%s/json/list" % port))
        ws_url = [t for t in targets if t["type"] == "page"][0]["webSocketDebuggerUrl"]
        async with websockets.connect(ws_url, max_size=None) as ws:
            p = Page(ws)
            task = asyncio.create_task(p.reader())
            for d in ("Runtime", "Log", "Network", "Page"):
                await p.cmd(d + ".enable")
            await p.cmd("Emulation.setDeviceMetricsOverride", width=1280, height=800,
                        deviceScaleFactor=1, mobile=False)
            yield p
            task.cancel()
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
