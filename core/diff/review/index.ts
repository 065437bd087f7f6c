/** What a migration changes for each request role (issue 13, point 5). */
export { reviewModels } from './review.js';
