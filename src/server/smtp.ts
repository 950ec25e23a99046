import nodemailer from 'nodemailer';

/** Sends through SMTP_URL with nodemailer (EMAIL_TRANSPORT=smtp); one pooled connection per process. */
export function smtpDelivery(url: string, from: string) {
  const transport = nodemailer.createTransport(url, { from });
  return async (message: { to: string; subject: string; text: string }) => {
    await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
  };
}
