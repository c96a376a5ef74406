#!/bin/bash
# Launcher for @main_class@ (Kafka @version@), as in Apache's bin/ folder.
exec $(dirname $0)/kafka-run-class.sh @main_class@ "$@"
