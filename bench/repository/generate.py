#!/usr/bin/env python3
"""Writes an Ansible repository of ROLES roles, each with a tasks/main.yml importing TASK_FILES-1 task files
(ROLES * TASK_FILES task files in all) and defaults/ and vars/ directories of vars files (ROLES * VARS_FILES in all),
plus ansible.cfg, an inventory and a site.yml that plays every role. Default: 50 roles, 300 task files, 500 vars files.
Usage: generate.py DIR [ROLES] [TASK_FILES_PER_ROLE] [VARS_FILES_PER_ROLE]"""
import os
import sys

root = sys.argv[1]
roles = int(sys.argv[2]) if len(sys.argv) > 2 else 50
task_files = int(sys.argv[3]) if len(sys.argv) > 3 else 6
vars_files = int(sys.argv[4]) if len(sys.argv) > 4 else 10


def write(path, text):
    path = os.path.join(root, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


write("ansible.cfg", "[defaults]\ninventory = inventory.ini\nroles_path = roles\ngathering = explicit\nretry_files_enabled = False\n")
write("inventory.ini", "[fleet]\n" + "".join(f"fs{i:03d} ansible_connection=local\n" for i in range(1, 11)))
plays = []
for r in range(roles):
    name = f"role_{r:02d}"
    imports = "".join(f"- import_tasks: part_{t}.yml\n" for t in range(1, task_files))
    write(f"roles/{name}/tasks/main.yml", f"---\n- name: {name} first task\n  debug:\n    msg: \"{{{{ {name}_v0_0 }}}}\"\n{imports}")
    for t in range(1, task_files):
        tasks = "".join(
            f"- name: {name} part {t} task {k}\n  command: echo {{{{ {name}_v{k % (vars_files // 2)}_{k} | default('x') }}}}\n"
            f"  when: {name}_flag_{t} | default(true)\n  tags: [{name}, part{t}]\n"
            for k in range(5))
        write(f"roles/{name}/tasks/part_{t}.yml", "---\n" + tasks)
    half = vars_files // 2
    for kind, count in (("defaults", half), ("vars", vars_files - half)):
        for v in range(count):
            body = "".join(f"{name}_v{v}_{k}: \"{kind} value {k} of {name}\"\n" for k in range(20))
            write(f"roles/{name}/{kind}/main/{v:02d}.yml", "---\n" + body)
    write(f"roles/{name}/handlers/main.yml", f"---\n- name: restart {name}\n  debug:\n    msg: restarted\n")
    plays.append(f"    - {name}\n")
write("site.yml", "---\n- name: every role\n  hosts: fleet\n  roles:\n" + "".join(plays))
