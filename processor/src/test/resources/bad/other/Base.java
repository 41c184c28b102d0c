package com.acme.other;

public class Base {
  protected record Inherited(String value) {}
}
