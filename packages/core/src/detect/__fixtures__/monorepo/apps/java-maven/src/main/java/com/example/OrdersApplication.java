package com.example;

public class OrdersApplication {}
