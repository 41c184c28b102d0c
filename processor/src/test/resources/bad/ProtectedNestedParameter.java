package com.acme;

import dev.subprocess.Subprocess;
import com.acme.other.Base;

class ProtectedNestedParameter extends Base {
  @Subprocess
  static void keep(Inherited inherited) {}
}
