export { Container, type FallbackResolver, type Provider } from './container';
export { Inject, Injectable } from './decorators';
export { InjectionToken, tokenName, type AbstractConstructor, type Constructor, type Token } from './tokens';
