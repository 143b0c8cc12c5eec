package io.orderflow.local.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The CLI's one look for long work: an ASCII bar (any terminal shows it), redrawn ten times a second. */
final class ProgressBars {

  private ProgressBars() {}

  static ProgressBar start(String task, int max) {
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(max)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(100)
        .build();
  }
}
