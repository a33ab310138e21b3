/**
 * The letters of an application's handling (rules.md §5 "答复规范": local standard sets map onto the
 * 条例): their kinds, the shipped default texts, and the placeholders an agency's own text may use.
 * Every letter ends with the applicant's remedies, appended by the renderer and not editable.
 */
import { OUTCOME_KEYS, type OutcomeKey } from "../../domain/cases/index.js";
import { GongkaiError } from "../../domain/errors.js";
import { APPLICATION_ROW } from "../../domain/report/definition.js";

/** A letter template: the title and the body (paragraphs one per line; the first line is the salutation). */
export interface LetterTemplate {
  title: string;
  body: string;
}

/** The placeholders a template may use, with what each stands for. */
export const PLACEHOLDERS: Record<string, string> = {
  申请人: "申请人姓名或名称",
  申请编号: "本机关的申请编号",
  收到日期: "收到申请之日（条例第三十一条）",
  申请内容: "所需政府信息的描述",
  机关: "本机关名称",
  答复期限: "答复期限（延期的为延长后的期限）",
  今天: "制作文书之日",
  补正期限: "补正告知中的补正期限",
  延长工作日数: "延期答复延长的工作日数",
  收费金额: "收费通知中的金额（元）",
  缴费期限: "缴费期限（送达次日起 20 个工作日）",
  办理结果: "答复的办理结果",
  查询码: "申请人查询办理进度的查询码",
};

/** Values of a made-up case for previews of a template (the console's preview and the sample DOCX). */
export const SAMPLE_VALUES: Record<string, string> = {
  申请人: "张三（示例）",
  申请编号: "2026-0001",
  收到日期: "2026年6月15日",
  申请内容: "2025 年度本市老旧小区改造项目清单",
  机关: "本机关",
  答复期限: "2026年7月13日",
  今天: "2026年6月15日",
  补正期限: "2026年7月6日",
  延长工作日数: "20",
  收费金额: "100",
  缴费期限: "2026年7月14日",
  办理结果: "予以公开",
  查询码: "ABCD-1234",
};

/**
 * 行政复议法（2023）第二十条: 60 days; 行政诉讼法第四十六条: 6 months (rules.md §5: the body to name
 * depends on the agency's level, so the letter names none).
 */
export const REMEDIES =
  "如对本{文书}不服，可以自收到之日起六十日内依法申请行政复议，或者自收到之日起六个月内依法向人民法院提起行政诉讼。";

const reply = (reason: string, tail = "特此告知。"): LetterTemplate => ({
  title: "政府信息公开申请答复书",
  body: `{申请人}：\n本机关于{收到日期}收到您（单位）提出的政府信息公开申请（编号：{申请编号}），申请获取“{申请内容}”。\n${reason}\n${tail}`,
});

/** Reasons of the 答复书 per outcome, with the 条例 article each rests on. */
const REPLY_REASONS: Record<OutcomeKey, string> = {
  granted:
    "经审查，您申请获取的政府信息属于可以公开的政府信息。根据《中华人民共和国政府信息公开条例》第三十六条第（二）项的规定，现向您提供该政府信息（见附件）。",
  partially_granted:
    "经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据《中华人民共和国政府信息公开条例》第三十七条的规定，现向您提供可以公开的部分，并说明不予公开部分的理由：________。",
  denied_state_secret:
    "经审查，您申请获取的政府信息属于国家秘密。根据《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项的规定，本机关决定不予公开。",
  denied_prohibited_by_law:
    "经审查，您申请获取的政府信息属于法律、行政法规禁止公开的政府信息。根据《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项的规定，本机关决定不予公开。",
  denied_three_safeties_one_stability:
    "经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。根据《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项的规定，本机关决定不予公开。",
  denied_third_party_rights:
    "经审查，您申请获取的政府信息涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的内容。根据《中华人民共和国政府信息公开条例》第十五条、第三十六条第（三）项的规定，本机关决定不予公开。",
  denied_internal_affairs:
    "经审查，您申请获取的政府信息属于人事管理、后勤管理、内部工作流程等内部事务信息。根据《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项的规定，本机关决定不予公开。",
  denied_process_info:
    "经审查，您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的过程性信息。根据《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项的规定，本机关决定不予公开。",
  denied_enforcement_case:
    "经审查，您申请获取的政府信息属于行政执法案卷信息。根据《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项的规定，本机关决定不予公开。",
  denied_administrative_query:
    "经审查，您申请获取的信息属于行政查询事项，不属于政府信息公开申请的范围。请您通过相应的查询渠道办理。",
  unable_not_held:
    "经检索，本机关没有您申请获取的政府信息。根据《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项的规定，现告知您该政府信息本机关不掌握；能够确定负责公开的机关的，其名称和联系方式为：________。",
  unable_needs_creation:
    "经审查，本机关没有现成的您申请获取的政府信息，需要对现有政府信息进行加工、分析才能形成。根据《中华人民共和国政府信息公开条例》第三十八条的规定，本机关不予提供。",
  unable_unclear_after_correction:
    "本机关已告知您补正申请，补正后申请内容仍不明确，本机关无法确定您所需的政府信息。根据《中华人民共和国政府信息公开条例》第三十条的规定，本机关无法提供。",
  not_processed_petition_complaint:
    "经审查，您以政府信息公开申请的形式提出的是信访、投诉、举报事项。根据《中华人民共和国政府信息公开条例》第三十九条第一款的规定，本机关不作为政府信息公开申请处理，您可以通过相应渠道提出。",
  not_processed_repeated:
    "经审查，您提出的申请与此前已答复的申请内容重复。根据《中华人民共和国政府信息公开条例》第三十六条第（六）项的规定，本机关不予重复处理。",
  not_processed_publication:
    "经审查，您申请获取的是公开出版物。根据《中华人民共和国政府信息公开条例》第三十九条第二款的规定，现告知您获取的途径：________。",
  not_processed_massive_repeated:
    "经审查，您申请公开政府信息的数量、频次明显超过合理范围，且未能说明理由或理由不合理。根据《中华人民共和国政府信息公开条例》第三十五条的规定，本机关不予处理。",
  not_processed_confirm_reissue:
    "经审查，您要求本机关确认或者重新出具已获取的信息，不属于政府信息公开申请的处理范围，本机关不予处理。",
  other_no_correction:
    "本机关已告知您在补正期限内补正申请，您无正当理由逾期未补正。根据《中华人民共和国政府信息公开条例》第三十条的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。",
  other_no_fee:
    "本机关已向您送达收费通知，您逾期未按要求缴纳信息处理费。根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。",
  other_other: "本机关对您的申请作如下处理：________。",
};

/** The fixed kinds of the handling steps (issue #7), each with its default text. */
const STEP_LETTERS: Record<string, LetterTemplate> = {
  receipt: {
    title: "政府信息公开申请收件回执",
    body: "{申请人}：\n本机关已于{收到日期}收到您（单位）提出的政府信息公开申请，申请编号为{申请编号}，所需信息为“{申请内容}”。\n根据《中华人民共和国政府信息公开条例》第三十三条的规定，本机关将在{答复期限}前作出答复；需要延长答复期限的，将另行告知。\n您可以凭查询码{查询码}查询办理进度。",
  },
  correction: {
    title: "政府信息公开申请补正告知书",
    body: "{申请人}：\n本机关于{收到日期}收到您（单位）提出的政府信息公开申请（编号：{申请编号}）。经审查，您的申请内容不明确：________。\n根据《中华人民共和国政府信息公开条例》第三十条的规定，请您于{补正期限}前对申请作出补正，说明所需政府信息的名称、文号或者便于本机关查询的其他特征性描述。答复期限自本机关收到补正的申请之日起计算；无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
  },
  extension: {
    title: "政府信息公开申请延期答复告知书",
    body: "{申请人}：\n本机关于{收到日期}收到您（单位）提出的政府信息公开申请（编号：{申请编号}）。因________，本机关不能在规定期限内作出答复。\n根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{延长工作日数}个工作日，本机关将在{答复期限}前作出答复。",
  },
  consultation: {
    title: "政府信息公开征求第三方意见书",
    body: "________：\n本机关于{收到日期}收到政府信息公开申请（编号：{申请编号}），申请获取“{申请内容}”，该信息可能涉及您（单位）的合法权益。\n根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求您（单位）的意见。请自收到本意见书之日起15个工作日内提出意见；逾期未提出意见的，本机关将依照条例的规定决定是否公开。",
  },
  fee: {
    title: "政府信息公开信息处理费收费通知书",
    body: "{申请人}：\n本机关于{收到日期}收到您（单位）提出的政府信息公开申请（编号：{申请编号}）。根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，您的申请需缴纳信息处理费{收费金额}元。\n请您自收到本通知之次日起20个工作日内（即{缴费期限}前）缴纳；逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
  },
};

/** The label of an outcome without its numbering (“1.属于国家秘密” → 属于国家秘密). */
export function outcomeLabel(key: string): string {
  const row = Object.values(APPLICATION_ROW).find((r) => r.key === key);
  return row ? row.label.replace(/^（.）|^\d+\./, "").replace(/（.*）$/, "") : key;
}

/** Every letter kind: the five step letters and one 答复书 per outcome (reply.<outcome>). */
export const LETTER_KINDS: readonly string[] = [
  ...Object.keys(STEP_LETTERS),
  ...OUTCOME_KEYS.map((k) => `reply.${k}`),
];

/** The Chinese name of a kind, e.g. 补正告知书, 答复书（属于国家秘密）. */
export function letterName(kind: string): string {
  if (kind.startsWith("reply.")) return `答复书（${outcomeLabel(kind.slice(6))}）`;
  return (
    {
      receipt: "收件回执",
      correction: "补正告知书",
      extension: "延期答复告知书",
      consultation: "征求第三方意见书",
      fee: "收费通知书",
      reply: "答复书",
    }[kind] ?? kind
  );
}

/** The shipped default text of a kind; throws LETTER-KIND-UNKNOWN for anything else. */
export function defaultTemplate(kind: string): LetterTemplate {
  if (kind.startsWith("reply.") && (OUTCOME_KEYS as readonly string[]).includes(kind.slice(6)))
    return reply(REPLY_REASONS[kind.slice(6) as OutcomeKey]);
  const t = STEP_LETTERS[kind];
  if (!t)
    throw new GongkaiError("LETTER-KIND-UNKNOWN", `没有“${kind}”这种文书；可用：${LETTER_KINDS.join("、")}`);
  return t;
}

/** Checks an agency's text: lengths, a salutation line, only known placeholders; LETTER-TEMPLATE-INVALID otherwise. */
export function checkTemplate(t: LetterTemplate): void {
  const p: string[] = [];
  if (!t.title.trim() || t.title.length > 60) p.push("标题（title）：不能为空，且不超过 60 个字符");
  if (!t.body.trim() || t.body.length > 20000) p.push("正文（body）：不能为空，且不超过 20000 个字符");
  for (const [i, line] of `${t.title}\n${t.body}`.split("\n").entries())
    for (const m of line.matchAll(/\{([^{}]*)\}/g))
      if (!(m[1]! in PLACEHOLDERS))
        p.push(
          `${i === 0 ? "标题" : `正文第 ${i} 行`}：占位符“{${m[1]}}”不可用（可用：${Object.keys(PLACEHOLDERS)
            .map((k) => `{${k}}`)
            .join("")}）`,
        );
  if (p.length) throw new GongkaiError("LETTER-TEMPLATE-INVALID", "文书模板有误", p);
}

/** Replaces the placeholders; one without a value becomes a blank to fill in by hand. */
export function fillTemplate(text: string, values: Partial<Record<string, string>>): string {
  return text.replace(/\{([^{}]*)\}/g, (whole, name: string) =>
    name in PLACEHOLDERS ? (values[name] ?? "________") : whole,
  );
}
