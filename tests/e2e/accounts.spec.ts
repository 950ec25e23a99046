import { expect, test, type Page } from '@playwright/test';
import { noAxeViolations } from './seller';
import { suffix } from './api';

// Seller accounts in a real browser: sign-up, sign-in, sign-out, the redirect to /login, the
// session cookie's flags, and every account page axe-clean, with and without JavaScript.

const PASSWORD = 'a long enough passphrase';

async function signUp(page: Page, email: string, store = `Shop ${suffix()}`) {
  await page.goto('/signup');
  await page.getByLabel('Store name').fill(store);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

test.describe('accounts', () => {
  test('sign up → the dashboard, signed in; sign out → /login says so; signing in again lands where you were going', async ({ page }) => {
    const email = `owner-${suffix().toLowerCase()}@shop.example`;
    await signUp(page, email);
    await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
    await noAxeViolations(page);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login\?signed_out=1$/);
    await expect(page.getByRole('status')).toHaveText('You are signed out.');

    // a signed-out visit to the dashboard goes to /login (303) and comes back after signing in
    const res = await page.request.get('/dashboard/orders?status=delivered', { maxRedirects: 0 });
    expect(res.status()).toBe(303);
    expect(res.headers().location).toBe('/login?next=%2Fdashboard%2Forders%3Fstatus%3Ddelivered');
    await page.goto('/dashboard');
    await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
    await page.getByLabel('Email').fill(email.toUpperCase());
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
  });

  test('the session cookie is HttpOnly, SameSite=Lax, Path=/ (Secure and __Host- only over https)', async ({ page, context }) => {
    await signUp(page, `cookie-${suffix().toLowerCase()}@shop.example`);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'porchlight_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: false });
    expect(session.value).toMatch(/^[a-z2-7]{24}\.[a-z2-7]{28}$/);
    // lasts 30 days at most
    expect(session.expires * 1000 - Date.now()).toBeLessThanOrEqual(30 * 24 * 3_600_000);
  });

  test('a wrong password is refused in words, tied to the fields, the email kept', async ({ page }) => {
    const email = `wrong-${suffix().toLowerCase()}@shop.example`;
    await signUp(page, email);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('That email and password do not match an account.');
    await expect(page.getByRole('alert')).toBeFocused();
    await expect(page.getByLabel('Email')).toHaveValue(email);
    await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
    await noAxeViolations(page);
  });

  test('sign-up refuses a common password and an email already taken, in Spanish too', async ({ page }) => {
    const email = `taken-${suffix().toLowerCase()}@shop.example`;
    await signUp(page, email);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto('/signup?lang=es');
    await page.getByLabel('Nombre de la tienda').fill('Otra tienda');
    await page.getByLabel('Correo electrónico').fill(email);
    await page.getByLabel('Contraseña').fill('password1');
    await page.getByRole('button', { name: 'Crear cuenta' }).click();
    await expect(page.getByRole('alert')).toHaveText('Es una de las contraseñas más comunes. Elige una más difícil de adivinar.');
    await expect(page.getByLabel('Nombre de la tienda')).toHaveValue('Otra tienda');
    await page.getByLabel('Contraseña').fill(PASSWORD);
    await page.getByRole('button', { name: 'Crear cuenta' }).click();
    await expect(page.getByRole('alert')).toHaveText('Ya existe una cuenta con este correo. Inicia sesión.');
    await noAxeViolations(page);
  });

  test('the demo login signs in to the demo store', async ({ page }) => {
    await page.goto('/login');
    const demo = (await page.getByText(/^Demo login: /).textContent())!.replace('Demo login: ', '').split(' / ');
    await page.getByLabel('Email').fill(demo[0]!);
    await page.getByLabel('Password').fill(demo[1]!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByText('Signed in as demo@juniper-oak.example')).toBeVisible();
  });

  test('a form posted from another site is refused (403), and nothing signs in', async ({ request }) => {
    const res = await request.post('/login', { form: { email: 'demo@juniper-oak.example', password: 'porchlight demo login' }, headers: { origin: 'https://evil.example' }, maxRedirects: 0 });
    expect(res.status()).toBe(403);
    expect(res.headers()['set-cookie'] ?? '').not.toContain('porchlight_session=');
  });
});

test.describe('accounts without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('sign-up, sign-out and sign-in work as plain forms', async ({ page }) => {
    const email = `nojs-${suffix().toLowerCase()}@shop.example`;
    await signUp(page, email);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
  });
});

test.describe('account pages are axe-clean', () => {
  for (const path of ['/signup', '/login', '/forgot', '/login?lang=es', '/reset/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '/invite/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa']) {
    test(path, async ({ page }) => {
      await page.goto(path);
      await noAxeViolations(page);
    });
  }
});

test('the home page invites a seller to sign in or sign up, with the demo login while the demo is on; axe-clean', async ({ page }) => {
  await page.goto('/');
  const sellers = page.getByRole('region', { name: 'For sellers' });
  await expect(sellers.getByRole('link', { name: 'Sign in to your dashboard' })).toHaveAttribute('href', '/login');
  await expect(sellers.getByRole('link', { name: 'Create an account' })).toHaveAttribute('href', '/signup');
  await expect(sellers).toContainText('Demo store login: demo@juniper-oak.example / porchlight demo login');
  await noAxeViolations(page);
  await page.goto('/?lang=es');
  await expect(page.getByRole('region', { name: 'Para vendedores' }).getByRole('link', { name: 'Inicia sesión en tu panel' })).toBeVisible();
});
