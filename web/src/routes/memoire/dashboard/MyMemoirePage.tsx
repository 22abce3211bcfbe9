/** /mon-memoire: the learner's records, then their dashboard. */
import { MyThesisPage } from '../record/MyThesisPage';

export function MyMemoirePage() {
  return <MyThesisPage />;
}
