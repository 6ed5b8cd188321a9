/**
 * The presenter view of `lectern serve`, bundled as the classic script `presenter.js` (global
 * `LecternPresenter`). The page (render/render-presenter.ts) calls `start` once.
 */
import { Presenter, type PresenterController, type PresenterOptions } from './presenter.js';

export type { PresenterController, PresenterOptions };

let controller: Presenter | undefined;

export function start(options: PresenterOptions): PresenterController {
  if (controller) return controller;
  controller = new Presenter(options);
  controller.run();
  return controller;
}
