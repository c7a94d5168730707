// The link and QR code participants use to join: absolute, from ORIGIN when set (behind a proxy)
// or from the request (a facilitator's laptop serving its hotspot).
import QRCode from 'qrcode';

export function joinUrl(origin: string, code: string): string {
	return `${origin}/j/${code}`;
}

export function qrSvg(text: string): Promise<string> {
	return QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}
