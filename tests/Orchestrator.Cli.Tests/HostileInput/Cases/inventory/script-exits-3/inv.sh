#!/bin/sh
echo "cmdb: connection refused" >&2
exit 3
