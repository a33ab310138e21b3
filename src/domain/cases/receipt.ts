/**
 * 条例第三十一条: the date an application counts as received, by channel. This is the date of the
 * `received` event; the reply clock counts from the working day after it.
 */
import { isIsoDate } from "../calendar/date.js";
import { GongkaiError } from "../errors.js";
import type { Channel } from "./events.js";

/** What is known about how an application arrived. */
export interface ReceiptFacts {
  channel: Channel;
  /** 当面提交: the day it was handed in. */
  submittedOn?: string;
  /** 邮寄: the day the agency signed for it. */
  signedForOn?: string;
  /** The day receipt was confirmed with the applicant (ordinary letters, internet channels, fax). */
  confirmedOn?: string;
}

/** The receipt date under 条例第三十一条 for the channel; throws CASE-RECEIPT when the needed date is missing. */
export function receiptDate(f: ReceiptFacts): string {
  const need = (d: string | undefined, what: string): string => {
    if (d && isIsoDate(d)) return d;
    throw new GongkaiError("CASE-RECEIPT", `无法确定收到申请的日期：${what}（条例第三十一条）`);
  };
  switch (f.channel) {
    // 第三十一条第（一）项: in person → the day of submission.
    case "in_person":
      return need(f.submittedOn, "当面提交的申请需要提交日期");
    // 第（二）项: by post → the day the agency signs for it; an ordinary letter needing no signature →
    // the day the GI work body confirms with the applicant.
    case "post":
      return need(f.signedForOn ?? f.confirmedOn, "邮寄的申请需要签收日期（平常信函为与申请人确认之日）");
    // 第（三）项: internet channels or the GI body's fax → the day both sides confirm.
    case "online":
    case "email":
    case "fax":
    case "other":
      return need(f.confirmedOn, "通过互联网渠道或传真提交的申请需要双方确认之日");
  }
}
