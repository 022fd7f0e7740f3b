import { cleanPhone } from '../../nodes/OhoContact/cleaning/phone';

const THAI_ONLY = false;

describe('cleaning: Phone', () => {
	test.each([
		['0812345678', '0812345678'],
		['081-234-5678', '0812345678'],
		['081 234 5678', '0812345678'],
		['(081) 234-5678', '0812345678'],
		['081.234.5678', '0812345678'],
		['+66 81 234 5678', '0812345678'],
		['+66-81-234-5678', '0812345678'],
		['+66812345678', '0812345678'],
		['66812345678', '0812345678'],
		['0066 81 234 5678', '0812345678'],
		['+66 (0) 81 234 5678', '0812345678'],
		['๐๘๑๒๓๔๕๖๗๘', '0812345678'],
		['812345678', '0812345678'],
		['02-123-4567', '021234567'],
		['+66 2 123 4567', '021234567'],
		['21234567', '021234567'],
		['0812345678\n', '0812345678'],
		['\u00a0081\u00a0234\u00a05678', '0812345678'],
		['081\u2013234\u20135678', '0812345678'],
		['+0812345678', '0812345678'],
	])('%j is sent as %s', (given, sent) => {
		expect(cleanPhone(given, THAI_ONLY)).toEqual({ value: sent });
	});

	test.each([
		[812345678, '0812345678'],
		[66812345678, '0812345678'],
		[21234567, '021234567'],
	])('the JSON number %d is sent as %s', (given, sent) => {
		expect(cleanPhone(given, THAI_ONLY)).toEqual({ value: sent });
	});

	test.each(['', '   ', '\t'])('%j is no phone (not given)', (given) => {
		expect(cleanPhone(given, THAI_ONLY)).toEqual({ value: undefined });
	});

	test.each([
		[
			'12',
			'must be a Thai phone number: 0 and 8 or 9 more digits, like 0987654321 or 02-123-4567 (this one has 2 digits)',
		],
		[
			'081234567890123',
			'must be a Thai phone number: 0 and 8 or 9 more digits, like 0987654321 or 02-123-4567 (this one has 15 digits)',
		],
		[
			'112345678',
			'must be a Thai phone number: 0 and 8 or 9 more digits, like 0987654321 or 02-123-4567 (this one has 9 digits)',
		],
		[
			'+66 12',
			'must be a Thai phone number: after +66 comes an area code or mobile number starting 2 to 9, like +66 81 234 5678',
		],
		[
			'6612345678',
			'must be a Thai phone number: after +66 comes an area code or mobile number starting 2 to 9, like +66 81 234 5678',
		],
		[
			'n/a',
			'must be one phone number: digits, with spaces, dashes, dots or brackets and an optional leading +, like 081-234-5678',
		],
		[
			'0812345678 / 0898765432',
			'must be one phone number: digits, with spaces, dashes, dots or brackets and an optional leading +, like 081-234-5678',
		],
		[
			'0812345678 ext 12',
			'must be one phone number: digits, with spaces, dashes, dots or brackets and an optional leading +, like 081-234-5678',
		],
	])('%j is refused: %s', (given, problem) => {
		expect(cleanPhone(given, THAI_ONLY)).toEqual({ problem });
	});

	test('a number of another country is refused, naming the option that sends it', () => {
		expect(cleanPhone('+1 415 555 2671', THAI_ONLY)).toEqual({
			problem:
				'is a number of another country (+14155552671); Oho documents phone numbers only in the Thai form 0987654321. To send it as +14155552671, turn on Options > Allow Non-Thai Phone Numbers',
		});
		expect(cleanPhone('0085291234567', THAI_ONLY)).toEqual({
			problem: expect.stringContaining('(+85291234567)'),
		});
	});

	test('with Allow Non-Thai Phone Numbers, it is sent as + and digits; Thai numbers stay local', () => {
		expect(cleanPhone('+1 (415) 555-2671', true)).toEqual({ value: '+14155552671' });
		expect(cleanPhone('00 852 9123 4567', true)).toEqual({ value: '+85291234567' });
		expect(cleanPhone('+66 81 234 5678', true)).toEqual({ value: '0812345678' });
		expect(cleanPhone('+1234567890123456', true)).toEqual({
			problem: 'must be an international number: + and 8 to 15 digits, like +14155552671',
		});
	});

	test.each([
		[1.5],
		[-812345678],
		[Number.MAX_SAFE_INTEGER + 2],
		[true],
		[{ phone: '0812345678' }],
	])('%j is refused as no phone number', (given) => {
		expect(cleanPhone(given, THAI_ONLY)).toHaveProperty('problem');
	});
});
