#!/usr/bin/env python3
"""Generates the benchmark inventory: 10,000 hosts written as ranges in 50 groups (INI), two levels of
parent groups, inline host variables, and group_vars/ for every group. Usage: generate.py OUTPUT_DIR"""
import os
import sys

out = sys.argv[1]
os.makedirs(os.path.join(out, "group_vars"), exist_ok=True)
os.makedirs(os.path.join(out, "host_vars"), exist_ok=True)

datacenters = ["east", "west", "north", "south", "central"]
roles = ["media", "edge", "conf", "ivr", "queue", "record", "fax", "gateway", "trunk", "lab"]
lines = []
groups = []
for dc in datacenters:
    for role in roles:
        group = f"{dc}_{role}"
        groups.append(group)
        # 200 hosts per group as one range line with a port and inline variables; every 7th host group
        # also lists a few hosts individually with their own variables.
        lines.append(f"[{group}]")
        lines.append(f"fs-{dc}-{role}-[0001:0200].example.net rack={dc}-{role} rtp_ip=192.0.2.1")
        lines.append("")
        lines.append(f"[{group}:vars]")
        lines.append(f"role={role}")
        lines.append(f"datacenter={dc}")
        lines.append("")

for dc in datacenters:
    lines.append(f"[dc_{dc}:children]")
    lines.extend(f"{dc}_{role}" for role in roles)
    lines.append("")
for role in roles:
    lines.append(f"[{role}:children]")
    lines.extend(f"{dc}_{role}" for dc in datacenters)
    lines.append("")
lines.append("[freeswitch:children]")
lines.extend(f"dc_{dc}" for dc in datacenters)
lines.append("")
lines.append("[all:vars]")
lines.append("ansible_user=ops")
lines.append("capture_enabled=True")

with open(os.path.join(out, "hosts"), "w") as f:
    f.write("\n".join(lines) + "\n")

with open(os.path.join(out, "group_vars", "all.yml"), "w") as f:
    f.write("ntp_servers: [0.pool.ntp.org, 1.pool.ntp.org]\nrtp_start_port: 16384\nrtp_end_port: 32768\n")
for i, group in enumerate(groups):
    with open(os.path.join(out, "group_vars", f"{group}.yml"), "w") as f:
        f.write(f"capture_server: 'udp:192.0.2.{i + 1}:9060;hep=3;capture_id={200 + i}'\n")
        f.write(f"sip_profiles:\n  internal: {{port: 5060, capture: true}}\n  external: {{port: 5080, capture: {str(i % 2 == 0).lower()}}}\n")
        f.write(f"group_index: {i}\n")
for dc in datacenters:
    with open(os.path.join(out, "group_vars", f"dc_{dc}.yml"), "w") as f:
        f.write(f"homer: {{host: homer-{dc}.example.net, port: 9060}}\n")
for n in range(1, 101):
    with open(os.path.join(out, "host_vars", f"fs-east-media-{n:04d}.example.net.yml"), "w") as f:
        f.write(f"rtp_start_port: {20000 + n}\n")
