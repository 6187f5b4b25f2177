/** The apply command's progress display: tasks, rows and time left, redrawn in place on a terminal. */

/** `1:05`, `12:00:03` */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return hh ? `${hh}:${String(mm).padStart(2, "0")}:${ss}` : `${mm}:${ss}`;
}

/** What the display shows. */
export interface ProgressState {
  tasksDone: number;
  tasksTotal: number;
  rowsDone: number;
  rowsTotal: number;
}

/**
 * A progress display on a stream: on a terminal, one line redrawn; else one
 * line per completed task. Time left is this run's time per task so far
 * times the tasks left.
 */
export function progressDisplay(out: NodeJS.WritableStream & { isTTY?: boolean }, now: () => number = Date.now) {
  const started = now();
  const tty = out.isTTY === true;
  let lastTasks = -1;
  const line = (s: ProgressState) => {
    const elapsed = now() - started;
    const left = s.tasksDone > 0 && s.tasksTotal > s.tasksDone ? `, ~${formatDuration((elapsed / s.tasksDone) * (s.tasksTotal - s.tasksDone))} left` : "";
    return `tasks ${s.tasksDone}/${s.tasksTotal}, rows ${s.rowsDone}/${s.rowsTotal}, ${formatDuration(elapsed)} elapsed${left}`;
  };
  return {
    update(s: ProgressState) {
      if (tty) out.write(`\r\x1b[2K${line(s)}`);
      else if (s.tasksDone !== lastTasks) out.write(`${line(s)}\n`);
      lastTasks = s.tasksDone;
    },
    end() {
      if (tty && lastTasks >= 0) out.write("\n");
    },
  };
}
