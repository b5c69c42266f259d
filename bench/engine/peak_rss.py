#!/usr/bin/env python3
"""Runs a command and reports its wall time and the peak of the summed RSS of its whole process tree.

Samples /proc every 50 ms: every process whose ancestry leads to the command (ssh clients, forked Ansible
workers, ControlMaster processes it started) is counted. Prints one line: "wall_s=... peak_rss_mib=... rc=...".
Output of the command goes to the file named by --log.
"""
import os, subprocess, sys, time

def children_map():
    parents = {}
    for pid in os.listdir('/proc'):
        if not pid.isdigit():
            continue
        try:
            with open(f'/proc/{pid}/stat') as f:
                data = f.read()
            ppid = int(data[data.rindex(')') + 2:].split()[1])
            parents.setdefault(ppid, []).append(int(pid))
        except (OSError, ValueError):
            pass
    return parents

def rss_kib(pid):
    try:
        with open(f'/proc/{pid}/status') as f:
            for line in f:
                if line.startswith('VmRSS:'):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0

def cmdline_matches(substring):
    found = []
    for pid in os.listdir('/proc'):
        if pid.isdigit():
            try:
                with open(f'/proc/{pid}/cmdline', 'rb') as f:
                    if substring.encode() in f.read():
                        found.append(int(pid))
            except OSError:
                pass
    return found

def main():
    log = sys.argv[sys.argv.index('--log') + 1]
    also = sys.argv[sys.argv.index('--also-cmdline') + 1] if '--also-cmdline' in sys.argv else None
    cmd = sys.argv[sys.argv.index('--') + 1:]
    peak = 0
    start = time.monotonic()
    with open(log, 'w') as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
        while proc.poll() is None:
            tree = children_map()
            stack, total = [proc.pid], 0
            counted = set()
            while stack:
                pid = stack.pop()
                if pid in counted:
                    continue
                counted.add(pid)
                total += rss_kib(pid)
                stack.extend(tree.get(pid, []))
            # Daemonized descendants (Ansible's ssh ControlMasters) are re-parented to init: find them by
            # the run's own ControlPath directory.
            if also:
                for pid in cmdline_matches(also):
                    if pid not in counted:
                        counted.add(pid)
                        total += rss_kib(pid)
            peak = max(peak, total)
            time.sleep(0.05)
    wall = time.monotonic() - start
    print(f"wall_s={wall:.2f} peak_rss_mib={peak / 1024:.1f} rc={proc.returncode}")

main()
