import { describe, expect, it } from "vitest";
import { maskAddress, maskApplicant, maskEmail, maskId, maskName, maskPhone } from "./personal-data.js";

describe("masking an applicant's personal data", () => {
  it("keeps the first character of a name", () => {
    expect(maskName("张三")).toBe("张*");
    expect(maskName("欧阳小明")).toBe("欧***");
    expect(maskName("王")).toBe("王");
    expect(maskName("示例科技有限公司")).toBe("示*******");
  });

  it("keeps the first 3 and last 4 of a mobile number and an ID number", () => {
    expect(maskPhone("13812345678")).toBe("138****5678");
    expect(maskPhone("010-6655")).toBe("****6655");
    expect(maskId("110101199001011234")).toBe("110***********1234");
    expect(maskId("11010119800101123X")).toBe("110***********123X");
    expect(maskId("12345")).toBe("*****");
  });

  it("cuts an address after the district or county", () => {
    expect(maskAddress("北京市海淀区中关村大街1号")).toBe("北京市海淀区****");
    expect(maskAddress("广东省广州市天河区体育西路191号")).toBe("广东省广州市天河区****");
    expect(maskAddress("四川省凉山彝族自治州昭觉县城北乡")).toBe("四川省凉山彝族自治州昭觉县****");
    expect(maskAddress("幸福路8号")).toBe("幸福路****");
    expect(maskEmail("someone@example.com")).toBe("s***@example.com");
  });

  it("masks every field it has and adds none", () => {
    expect(maskApplicant({ name: "李四", phone: "13900001111" })).toEqual({
      name: "李*",
      phone: "139****1111",
    });
    expect(maskApplicant(null)).toEqual({ name: "" });
  });
});
