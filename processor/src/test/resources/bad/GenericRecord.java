package com.acme;

import dev.subprocess.Subprocess;

record GenericRecord<T>(String name) {
  @Subprocess
  String describe() {
    return name;
  }
}
