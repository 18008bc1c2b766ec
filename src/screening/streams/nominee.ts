import { Assessment } from '../assessment';
import { ref, refs } from '../reference';
import { provinceNames } from '../labels';
import type { StreamRule } from './rule';

/** Provincial nominees with a job offer in the nominating province (T13, R204(c)) (§9). */

export const t13: StreamRule = {
  code: 'T13',
  name: 'Provincial nominee with a job offer',
  ref: refs(ref.streams, ref.corrections),
  tests:
    'a provincial nomination and a job offer in the nominating province (R204(c)), with the support letter',
  evaluate(f) {
    if (!f.nomination || f.isEmployer || f.prStatus !== 'nominated') return undefined;
    const check = new Assessment().met('holds a provincial nomination');
    if (f.nomination.tiedToEmployer === true)
      check.confirm('the nomination is tied to an employer: the offer must be from that employer');
    const nominating = f.nomination.province;
    const offerProvince = f.offer?.province;
    if (!f.offer) check.unknown('a job offer in the nominating province');
    else if (nominating === undefined || offerProvince === undefined)
      check.unknown('the job offer is in the nominating province');
    else if (nominating === offerProvince)
      check.met(`job offer in ${provinceNames[offerProvince]}, the nominating province`);
    else
      check.failed(
        `the job offer is in ${provinceNames[offerProvince]} but the nomination is from ${provinceNames[nominating]}: T13 needs an offer in the nominating province`,
      );
    return check.confirm("the province's support letter for the work permit");
  },
};
