package io.clarion.briefing.change;

/** Whether a change is good news, given the metric's favourable direction. */
public enum Judgement { GOOD, BAD, NEUTRAL }
