/**
 * Work done a few items per animation frame: once a scroll rests, every row drawn light while it moved is written
 * in full, and all of them in one frame was one long frame (the jank the user sees as the matrix settles).
 */
const queue: (() => void)[] = [];
let frame = 0;

export const PACED_PER_FRAME = 6;

/** Runs `task` in a coming frame, at most PACED_PER_FRAME tasks a frame; returns a cancel. */
export function paced(task: () => void): () => void {
  queue.push(task);
  if (frame === 0) frame = requestAnimationFrame(drain);
  return () => {
    const i = queue.indexOf(task);
    if (i >= 0) queue.splice(i, 1);
  };
}

function drain(): void {
  frame = 0;
  for (const task of queue.splice(0, PACED_PER_FRAME)) task();
  if (queue.length > 0) frame = requestAnimationFrame(drain);
}
