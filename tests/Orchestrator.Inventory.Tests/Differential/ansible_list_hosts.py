"""Evaluates host patterns with Ansible's own InventoryManager, the way `ansible PATTERN -i INV [-l LIMIT]
--list-hosts` does (cli/adhoc.py + CLI.get_host_list), once per query with a fresh inventory so the
implicit-localhost and pattern caches of one query cannot leak into the next.

stdin:  {"sources": [...], "queries": [{"pattern": "...", "limit": "..." or null}, ...]}
stdout: [{"hosts": [...]} or {"error": "..."}, ...]
"""
import json
import sys

from ansible import context
from ansible.errors import AnsibleError
from ansible.inventory.manager import InventoryManager
from ansible.module_utils.common.collections import ImmutableDict
from ansible.parsing.dataloader import DataLoader
from ansible.utils.display import Display

Display().verbosity = 0
context.CLIARGS = ImmutableDict({})

request = json.load(sys.stdin)
results = []
for query in request["queries"]:
    inventory = InventoryManager(loader=DataLoader(), sources=request["sources"])
    subset = query.get("limit")
    try:
        # CLI.get_host_list: an empty result is an error unless the inventory itself is empty.
        no_hosts = len(inventory.list_hosts()) == 0
        inventory.subset(subset)
        hosts = inventory.list_hosts(query["pattern"])
        if not hosts and not no_hosts:
            raise AnsibleError("Specified inventory, host pattern and/or --limit leaves us with no hosts to target.")
        results.append({"hosts": [getattr(h, "name", h) for h in hosts]})
    except AnsibleError as e:
        # cli/adhoc.py: without --limit, a failed selection is "No hosts matched, nothing to do".
        if subset:
            results.append({"error": str(e)})
        else:
            results.append({"hosts": []})
json.dump(results, sys.stdout)
