// The consolidated charter as DOCX: Word headings per article (kept with their text), the
// articles' lists as Word lists, the amendments as a Word table whose header repeats.
import type { ConsolidatedCharter, Translate } from '../../domain/consolidated-charter';
import { reportDocx } from '../report/report-docx';
import { consolidatedDocument } from './consolidated-layout';

export function consolidatedDocx(c: ConsolidatedCharter, t: Translate): Promise<Buffer> {
	return reportDocx(consolidatedDocument(c, t));
}
