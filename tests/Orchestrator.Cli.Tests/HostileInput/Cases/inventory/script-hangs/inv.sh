#!/bin/sh
# A CMDB call that never returns.
sleep 600
