#!/bin/sh
# 100 MB of output on --list.
head -c 104857600 /dev/zero | tr "\\000" a
