# Records what the differential suite compares: each (task, host, status) in the order Ansible's callbacks see
# them, and the recap. Enabled by the harness (ANSIBLE_CALLBACKS_ENABLED), writes JSON to $ORCHESTRATOR_DIFF_EVENTS;
# the default stdout callback keeps printing, for the failure message.
import json
import os

from ansible.playbook.task_include import TaskInclude
from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'recorder'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super().__init__()
        self._tasks = []

    def _add(self, result, status):
        # An include's result is not a task result (no stats); it says the include was reached on that host.
        if status == 'ok' and isinstance(result._task, TaskInclude):
            status = 'included'
        elif status == 'ok' and result._result.get('changed', False):
            status = 'changed'
        self._tasks.append(self._entry(result, status))

    @staticmethod
    def _entry(result, status):
        return {'task': result._task.get_name(), 'host': result._host.get_name(), 'status': status}

    def v2_runner_on_ok(self, result):
        self._add(result, 'ok')

    def v2_runner_on_failed(self, result, ignore_errors=False):
        # An include whose file cannot be loaded is first reported reached, then failed: one result, failed.
        if isinstance(result._task, TaskInclude) and self._entry(result, 'included') in self._tasks:
            self._tasks.reverse()
            self._tasks.remove(self._entry(result, 'included'))
            self._tasks.reverse()
        self._add(result, 'failed (ignored)' if ignore_errors else 'failed')

    def v2_runner_on_skipped(self, result):
        self._add(result, 'skipped')

    def v2_runner_on_unreachable(self, result):
        self._add(result, 'unreachable')

    def v2_playbook_on_stats(self, stats):
        recap = {}
        for host in sorted(stats.processed.keys()):
            s = stats.summarize(host)
            recap[host] = {'ok': s['ok'], 'changed': s['changed'], 'unreachable': s['unreachable'],
                           'failed': s['failures'], 'skipped': s['skipped'], 'rescued': s['rescued'],
                           'ignored': s['ignored']}
        with open(os.environ['ORCHESTRATOR_DIFF_EVENTS'], 'w') as f:
            json.dump({'tasks': self._tasks, 'recap': recap}, f)
