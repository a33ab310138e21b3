/** 信息处理费 calculators (国办函〔2020〕109号), integer yuan. */
export {
  computeFee,
  cumulativeItemFee,
  type FeeInput,
  type FeeMethod,
  type ItemApplication,
  perItemFee,
  perItemFeesByMonth,
  perItemPrice,
  perPageFee,
} from "./fees.js";
