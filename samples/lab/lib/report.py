#!/usr/bin/env python3
"""Prints the lab's final table and decides the result of each machine.

Reads RUN/machines.tsv (one line per machine: name, firmware, mac, install start/end, disk start/end as
Unix times), the host's view of each machine (RUN/api-NAME.json, from GET /api/v1/machines/{mac}) and
the serial logs. Timings are seconds from the start of the machine's install boot, taken from the host's
events (DHCP, TFTP, script, image, agent). Exits 1 when any machine did not install and boot from disk.
"""
import datetime
import json
import os
import re
import sys


def parse_time(text):
    # .NET writes up to 7 fraction digits; Python takes at most 6.
    text = re.sub(r"(\.\d{6})\d+", r"\1", text.replace("Z", "+00:00"))
    return datetime.datetime.fromisoformat(text).timestamp()


def first(events, predicate):
    return next((e for e in events if predicate(e)), None)


def since(event, t0):
    return "-" if event is None else f"{parse_time(event['time']) - t0:.1f}"


def read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def main(run):
    rows, failures, notes = [], 0, []
    with open(os.path.join(run, "machines.tsv"), encoding="utf-8") as f:
        machines = [line.split() for line in f if line.strip()]
    for name, firmware, mac, i0, i1, d0, d1 in machines:
        i0, i1, d0, d1 = float(i0), float(i1), float(d0), float(d1)
        try:
            with open(os.path.join(run, f"api-{name}.json"), encoding="utf-8") as f:
                view = json.load(f)
        except (OSError, ValueError):
            view = {"state": "unknown (API unreadable)", "events": []}
        events = sorted(view.get("events") or [], key=lambda e: e.get("id", 0))
        install = [e for e in events if parse_time(e["time"]) < d0] if d0 > 0 else events
        later = [e for e in events if d0 > 0 and parse_time(e["time"]) >= d0]
        dhcp = first(install, lambda e: e["type"].startswith("dhcp"))
        tftp = first(install, lambda e: e["type"] == "tftp")
        script = first(install, lambda e: e["type"] == "script")
        agent = first(install, lambda e: e["type"] == "agent-started")
        # The kernel and initrd downloads come before the agent starts; its own image download after.
        images = [e for e in install if e["type"] == "image" and (agent is None or e["id"] < agent["id"])]
        done = first(install, lambda e: e["type"] == "workflow-completed")
        local = first(later, lambda e: e["type"] == "script")
        stream = first(install, lambda e: e["type"] == "action-completed" and "bytes written" in (e.get("message") or ""))
        m = re.search(r"in ([0-9.]+) s", (stream or {}).get("message") or "")
        install_log = read(os.path.join(run, f"{name}-install.serial"))
        disk_log = read(os.path.join(run, f"{name}-disk.serial"))
        agent_ok = "BAREMETAL-AGENT-DONE" in install_log
        marker = re.search(rf"^BAREMETAL-INSTALLED {re.escape(name)}\s*$", disk_log, re.M) is not None
        state = view.get("state", "?")
        # Machines boot the network first, so the host must have sent them to their disk; only with
        # LAB_UEFI_BOOT_ORDER=disk-first does a UEFI machine boot its disk without asking (lib/qemu.sh).
        asks_host = firmware == "bios" or os.environ.get("LAB_UEFI_BOOT_ORDER", "network-first") != "disk-first"
        ok = agent_ok and state == "installed" and marker and (local is not None or not asks_host)
        if not ok:
            failures += 1
            why = []
            if not agent_ok:
                why.append("the agent did not finish (see " + os.path.join(run, f"{name}-install.serial") + ")")
            if state != "installed":
                why.append(f"host state is '{state}' ({view.get('stateMessage') or 'no message'})")
            if local is None and asks_host:
                why.append("the second boot did not ask the host for its script")
            if not marker:
                why.append("no BAREMETAL-INSTALLED marker on the second boot (see " + os.path.join(run, f"{name}-disk.serial") + ")")
            notes.append(f"{name}: " + "; ".join(why))
        second = "host: local disk" if local is not None else ("firmware: disk first" if not asks_host else "-")
        rows.append([
            name, firmware, mac, since(dhcp, i0), since(tftp, i0), since(script, i0),
            since(images[-1] if images else None, i0), since(agent, i0), m.group(1) if m else "-",
            since(done, i0), f"{i1 - i0:.1f}", f"{d1 - d0:.1f}" if d0 > 0 else "-",
            second, "PASS" if ok else "FAIL",
        ])

    head = ["machine", "firmware", "mac", "dhcp", "tftp", "script", "kernel+initrd", "agent",
            "image stream", "installed", "install boot", "disk boot", "second boot via", "result"]
    widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
    line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths))
    print()
    print("Seconds from power-on of the install boot (host events): first DHCP, first TFTP transfer, iPXE")
    print("script, last kernel/initrd download, agent started, image stream time, workflow completed;")
    print("then each boot's total time to power-off.")
    print(line(head))
    print(line(["-" * w for w in widths]))
    for r in rows:
        print(line(r))
    print()
    for n in notes:
        print("FAILED " + n)
    print(f"{len(rows) - failures} of {len(rows)} machines installed and booted from disk")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
