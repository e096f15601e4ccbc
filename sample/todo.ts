// The README's "A service in one file", verbatim but for the import path (spec/readme.spec.ts checks it).
import { App, Service, Get, Post, Body, Path, Prop, DeclaredError } from '../lib';

class NewTodo {
  @Prop({ minLength: 1, maxLength: 200 }) title!: string;
}
class Todo {
  @Prop({ integer: true }) id!: number;
  @Prop() title!: string;
  @Prop() done!: boolean;
}
const TodoNotFound = new DeclaredError({ status: 404, code: 'TODO_NOT_FOUND', description: 'No todo has this id' });

@Service('todosvc')
export class TodoService {
  private readonly todos = new Map<number, Todo>();

  @Post('/todos', { returns: Todo })
  async createTodo(@Body() input: NewTodo): Promise<Todo> {
    const todo = { id: this.todos.size + 1, title: input.title, done: false };
    this.todos.set(todo.id, todo);
    return todo;
  }

  @Get('/todos/:id', { returns: Todo, errors: [TodoNotFound] }) // 404 TODO_NOT_FOUND is in the document
  async getTodo(@Path('id', { integer: true, minimum: 1 }) id: number): Promise<Todo> {
    const todo = this.todos.get(id);
    if (!todo) throw TodoNotFound.error(`no todo ${id}`);
    return todo;
  }
}

new App().listen(); // serves every imported @Service on GDD_PORT (6060)
