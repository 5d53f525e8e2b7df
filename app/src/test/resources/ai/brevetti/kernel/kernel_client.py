"""Drives the brevettiai-java kernel through jupyter_client (run with /usr/bin/python3; JUPYTER_PATH must
point at the kernelspec). Prints one JSON object on the last line of standard output.

  kernel_client.py protocol         execute, interrupt a busy loop, complete, inspect, is_complete
  kernel_client.py startup-failure  first cell shows a broken startup.jsh (set BREVETTIAI_JAVA_OPTS)
  kernel_client.py orphan           a client dies without shutting the kernel down: the kernel stops
  kernel_client.py start N          N cold starts to the first result of 1+1 (seconds)
  kernel_client.py no-scheme DIR    the kernel on a connection file without signature_scheme (as jupyter_client
                                    allows: its Session signs with hmac-sha256 then), started by hand in DIR
  kernel_client.py vega HOW ENV DIR a chart's output bundle, the kernel started with this environment (JPY_*,
                                    VSCODE_*, BREVETTIAI_VEGA, TERM_PROGRAM removed, the JSON object ENV added):
                                    HOW = raw (by hand, as VS Code's Jupyter extension: no JPY_PARENT_PID) or
                                    client (jupyter_client's launcher, as nbconvert and Jupyter servers)
"""
import json
import os
import signal
import subprocess
import sys
import time

from jupyter_client.manager import start_new_kernel

KERNEL = os.environ.get("BREVETTIAI_KERNEL_NAME", "brevettiai-java")


def start():
    return start_new_kernel(kernel_name=KERNEL, startup_timeout=180)


def execute(kc, code, timeout=120):
    """Runs a cell; returns (reply content, [(msg_type, content)] of its outputs)."""
    outputs = []

    def hook(msg):
        if msg["msg_type"] in ("stream", "execute_result", "display_data", "error", "update_display_data"):
            content = dict(msg["content"])
            content["_received"] = time.perf_counter()  # jjava's header dates have minute resolution
            outputs.append((msg["msg_type"], content))

    reply = kc.execute_interactive(code, timeout=timeout, output_hook=hook, allow_stdin=False)
    return reply["content"], outputs


def shell_reply(kc, msg_id, timeout=60):
    while True:
        msg = kc.get_shell_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg["content"]


def result_text(outputs):
    for kind, content in outputs:
        if kind == "execute_result":
            return content["data"].get("text/plain")
    return None


def protocol():
    km, kc = start()
    out = {}
    try:
        reply, outputs = execute(kc, "1 + 2")
        out["first"] = result_text(outputs)
        out["language"] = kc.kernel_info(reply=True, timeout=30)["content"]["language_info"]["name"]

        # interrupt a busy loop: the cell fails, the kernel goes on
        msg_id = kc.execute("int reached = 0;\nwhile (true) {}\nreached = 1;")
        time.sleep(2.0)
        t0 = time.perf_counter()
        km.interrupt_kernel()
        reply = shell_reply(kc, msg_id)
        out["interrupt_seconds"] = round(time.perf_counter() - t0, 3)
        out["interrupted"] = {"status": reply["status"], "ename": reply.get("ename"), "evalue": reply.get("evalue")}
        reply, outputs = execute(kc, "reached")
        out["after_interrupt"] = result_text(outputs)
        out["alive"] = km.is_alive()

        comp = kc.complete("int x = 1;\nStr", len("int x = 1;\nStr"), reply=True, timeout=60)["content"]
        out["complete"] = {"matches": comp["matches"][:50], "cursor_start": comp["cursor_start"],
                           "cursor_end": comp["cursor_end"], "status": comp["status"]}
        insp = kc.inspect("Math.max(", 9, reply=True, timeout=60)["content"]
        out["inspect"] = {"found": insp.get("found"), "text": insp.get("data", {}).get("text/plain")}
        out["is_complete"] = {
            code: shell_reply(kc, kc.is_complete(code))
            for code in ["1 + 1", "for (int i = 0; i < 3; i++) {", "int a = 1;\nint b = 2;"]
        }

        # a progress line that updates in place while a cell runs
        reply, outputs = execute(kc, "try (var p = ai.brevetti.internal.Progress.start(\"work\", 10)) {\n"
                                     "  p.status(\"loss 0.5000\");\n"
                                     "  for (int i = 0; i < 10; i++) { Thread.sleep(100); p.step(); }\n}")
        out["progress"] = [kind for kind, _ in outputs]
        out["progress_last"] = [c["data"].get("text/plain") for k, c in outputs if k == "update_display_data"][-1:]
        received = [c["_received"] for k, c in outputs if k in ("display_data", "update_display_data")]
        # the periodic updates (not the final one at close) come a quarter second apart or more
        gaps = [b - a for a, b in zip(received[:-2], received[1:-1])]
        out["progress_min_gap"] = round(min(gaps), 3) if gaps else None
        # the public switch silences it
        reply, outputs = execute(kc, "ProgressMode.set(ProgressMode.NEVER);\n"
                                     "try (var p = ai.brevetti.internal.Progress.start(\"quiet\", 10)) {\n"
                                     "  for (int i = 0; i < 10; i++) { Thread.sleep(100); p.step(); }\n}\n"
                                     "ProgressMode.reset();\nProgressMode.current()")
        out["progress_never"] = [kind for kind, _ in outputs]
    finally:
        km.shutdown_kernel(now=False)
    return out


def startup_failure():
    km, kc = start()
    try:
        first, _ = execute(kc, "1 + 1")
        second, outputs = execute(kc, "1 + 1")
        return {"first": {"status": first["status"], "ename": first.get("ename"), "evalue": first.get("evalue")},
                "second": result_text(outputs)}
    finally:
        km.shutdown_kernel(now=False)


def orphan():
    read, write = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read)
        km, kc = start()
        execute(kc, "1 + 1")
        os.write(write, str(km.provisioner.process.pid).encode())
        os.close(write)
        os.kill(os.getpid(), signal.SIGKILL)  # a crash: no shutdown request
    os.close(write)
    pid = int(os.read(read, 100).decode() or "0")
    os.waitpid(child, 0)
    t0 = time.perf_counter()
    gone = False
    while time.perf_counter() - t0 < 30:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            gone = True
            break
        time.sleep(0.1)
    if not gone:
        os.kill(pid, signal.SIGKILL)
    return {"kernel_pid": pid, "stopped": gone, "seconds": round(time.perf_counter() - t0, 3)}


def starts(n):
    runs = []
    for _ in range(n):
        t0 = time.perf_counter()
        km, kc = start()
        ready = time.perf_counter() - t0
        try:
            _, outputs = execute(kc, "1+1")
            first = time.perf_counter() - t0
            if result_text(outputs) != "2":
                raise SystemExit("unexpected result: %r" % (outputs,))
        finally:
            km.shutdown_kernel(now=False)
        runs.append({"ready": round(ready, 4), "first_result": round(first, 4)})
    return {"runs": runs}


def clean_env(extra):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("JPY_", "VSCODE_")) and k not in ("BREVETTIAI_VEGA", "TERM_PROGRAM")}
    env.update(extra)
    return env


CHART = 'VegaLite.of("{\\"title\\": \\"c1\\", \\"mark\\": \\"bar\\"}")'


def vega(how, extra, folder):
    env = clean_env(extra)
    if how == "client":
        km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=180, env=env)
        try:
            return vega_outputs(kc)
        finally:
            km.shutdown_kernel(now=False)
    from jupyter_client.blocking import BlockingKernelClient
    from jupyter_client.connect import write_connection_file
    from jupyter_client.kernelspec import KernelSpecManager

    path = os.path.join(folder, "kernel-vega.json")
    write_connection_file(path, ip="127.0.0.1", key=b"a-key-so-messages-are-signed")
    spec = KernelSpecManager().get_kernel_spec(KERNEL)
    argv = [a.replace("{connection_file}", path).replace("{resource_dir}", spec.resource_dir) for a in spec.argv]
    log = open(os.path.join(folder, "kernel-vega.log"), "w")
    kernel = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=env)
    kc = BlockingKernelClient(connection_file=path)
    kc.load_connection_file()
    kc.start_channels()
    try:
        msg_id = kc.kernel_info()
        deadline = time.time() + 180
        while True:
            if kernel.poll() is not None:
                log.flush()
                with open(os.path.join(folder, "kernel-vega.log")) as f:
                    raise SystemExit("the kernel exited with %s:\n%s" % (kernel.returncode, f.read()))
            try:
                shell_reply(kc, msg_id, timeout=1)
                break
            except Exception:
                if time.time() > deadline:
                    raise
        return vega_outputs(kc)
    finally:
        kc.shutdown()
        try:
            kernel.wait(timeout=30)
        except subprocess.TimeoutExpired:
            kernel.kill()
        kc.stop_channels()


def vega_outputs(kc):
    """The chart's bundle (MIME types, its text) and what the kernel saw of its start."""
    _, outputs = execute(kc, CHART)
    data = [c["data"] for k, c in outputs if k == "execute_result"][0]
    _, seen = execute(kc, 'System.getenv("JPY_PARENT_PID") + " " + System.getenv().keySet().stream()'
                          '.filter(k -> k.startsWith("VSCODE_") || k.startsWith("JPY_SESSION")).sorted().toList()')
    return {"types": sorted(data.keys()), "text": data.get("text/plain"), "html_bytes": len(data.get("text/html", "")),
            "kernel_env": result_text(seen)}


def no_scheme(folder):
    from jupyter_client.blocking import BlockingKernelClient
    from jupyter_client.connect import write_connection_file
    from jupyter_client.kernelspec import KernelSpecManager

    path = os.path.join(folder, "kernel-no-scheme.json")
    write_connection_file(path, ip="127.0.0.1", key=b"a-key-so-messages-are-signed")
    with open(path) as f:
        info = json.load(f)
    del info["signature_scheme"]
    with open(path, "w") as f:
        json.dump(info, f)
    spec = KernelSpecManager().get_kernel_spec(KERNEL)
    argv = [a.replace("{connection_file}", path).replace("{resource_dir}", spec.resource_dir) for a in spec.argv]
    log = open(os.path.join(folder, "kernel-no-scheme.log"), "w")
    kernel = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT)
    kc = BlockingKernelClient(connection_file=path)
    kc.load_connection_file()
    kc.start_channels()
    try:
        # wait_for_ready needs a manager's heartbeat: ask for kernel_info until it answers (queued until it listens)
        msg_id = kc.kernel_info()
        deadline = time.time() + 180
        while True:
            if kernel.poll() is not None:
                log.flush()
                with open(os.path.join(folder, "kernel-no-scheme.log")) as f:
                    raise SystemExit("the kernel exited with %s:\n%s" % (kernel.returncode, f.read()))
            try:
                shell_reply(kc, msg_id, timeout=1)
                break
            except Exception:
                if time.time() > deadline:
                    raise
        _, outputs = execute(kc, "1 + 1")
        return {"scheme": kc.session.signature_scheme, "result": result_text(outputs)}
    finally:
        kc.shutdown()
        try:
            kernel.wait(timeout=30)
        except subprocess.TimeoutExpired:
            kernel.kill()
        kc.stop_channels()


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "protocol":
        result = protocol()
    elif mode == "startup-failure":
        result = startup_failure()
    elif mode == "orphan":
        result = orphan()
    elif mode == "start":
        result = starts(int(sys.argv[2]))
    elif mode == "no-scheme":
        result = no_scheme(sys.argv[2])
    elif mode == "vega":
        result = vega(sys.argv[2], json.loads(sys.argv[3]), sys.argv[4])
    else:
        raise SystemExit("unknown mode " + mode)
    print(json.dumps(result))
