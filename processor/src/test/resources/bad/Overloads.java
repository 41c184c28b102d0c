package com.acme;

import dev.subprocess.Subprocess;

class Overloads {
  @Subprocess
  static int area(int side) {
    return side * side;
  }

  @Subprocess
  static int area(int width, int height) {
    return width * height;
  }
}
